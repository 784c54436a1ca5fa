//! Types that contain themselves: the fields that close such a loop hold
//! their value behind a `Box`, or the type would have no finite size.
//!
//! A loop through a list or a map needs nothing (they are on the heap
//! already); a loop through plain (optional or required) struct fields does.
//! Every such field inside a strongly connected group of structs is boxed,
//! which is simple to explain and costs one allocation where the data nests.

use super::{NamedKind, NamedType, Type};
use std::collections::HashMap;

/// Marks [`super::Field::boxed`] on every field that closes a loop.
pub(super) fn box_loops(types: &mut [NamedType]) {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.kind, NamedKind::Struct(_)))
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    // Edges: a struct to each struct one of its fields holds directly.
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match &t.kind {
            NamedKind::Struct(s) => s
                .fields
                .iter()
                .filter_map(|f| match &f.schema.ty {
                    Type::Named(n) => index.get(n).copied(),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let group = strongly_connected(&edges);
    for (i, ty) in types.iter_mut().enumerate() {
        let NamedKind::Struct(s) = &mut ty.kind else {
            continue;
        };
        for field in &mut s.fields {
            if let Type::Named(n) = &field.schema.ty {
                if let Some(&j) = index.get(n) {
                    field.boxed = group[i] == group[j];
                }
            }
        }
    }
}

/// The strongly connected component of each node (Tarjan's algorithm,
/// iterative so that deep type graphs cannot overflow the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut order, mut low, mut group) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut next_order, mut next_group) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut path = vec![(root, 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                if order[to] == UNSEEN {
                    order[to] = next_order;
                    low[to] = next_order;
                    next_order += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    path.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    group[member] = next_group;
                    if member == node {
                        break;
                    }
                }
                next_group += 1;
            }
        }
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_the_loops() {
        // 0 -> 1 -> 2 -> 0 is a loop; 3 -> 3 holds itself; 4 -> 0 is not in one.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let g = strongly_connected(&edges);
        assert!(g[0] == g[1] && g[1] == g[2]);
        assert!(g[3] != g[0] && g[4] != g[0] && g[4] != g[3]);
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let g = strongly_connected(&edges);
        assert!(g.iter().all(|&x| x == g[0]));
    }
}

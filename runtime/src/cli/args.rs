//! The command line's shape, built at run time from the generated
//! [`OperationInfo`]s: one subcommand per service, one per operation under
//! it, one flag per parameter and per scalar body field; and reading the
//! parsed flags back into the JSON "recorded call" shape that generated
//! request types deserialize from.

use super::{App, GLOBAL_FLAGS};
use crate::describe::{Kind, OperationInfo, Scalar};
use crate::mock::read::scalar;
use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, ArgMatches};
use serde_json::{Map, Value};
use std::io::Read;

/// Where `--body` reads from; field flags win over the same field in it.
pub(crate) const BODY: &str = "body";
pub(crate) const ALL: &str = "all";

pub(crate) fn command(app: &App) -> clap::Command {
    let mut root = clap::Command::new(app.name)
        .version(app.version)
        .about(app.about)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(
            "Credentials come from the vendor SDKs' default chain: HUAWEICLOUD_SDK_AK \
             and HUAWEICLOUD_SDK_SK (with HUAWEICLOUD_SDK_SECURITY_TOKEN, \
             HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_DOMAIN_ID), else \
             ~/.huaweicloud/credentials, else the ECS metadata service. A project or \
             domain id not given is looked up through IAM. Endpoints: --endpoint, \
             HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>, ~/.huaweicloud/regions.yaml, \
             else the spec's host for the region.\n\
             Exit status: 0 success; 1 the service or the connection failed (the \
             request id is printed when there is one); 2 a usage error, or a request \
             that breaks a documented rule (nothing is sent).",
        );
    for (id, help) in GLOBAL_FLAGS {
        let arg = Arg::new(*id).long(*id).help(*help).global(true);
        root = root.arg(match *id {
            "dry-run" => arg.action(ArgAction::SetTrue),
            "output" => arg.value_parser(["json", "table"]).default_value("json"),
            _ => arg.value_name("VALUE"),
        });
    }
    for service in &app.services {
        let mut group = clap::Command::new(service.id)
            .about(service.about)
            .subcommand_required(true)
            .arg_required_else_help(true);
        for command in &service.commands {
            group = group.subcommand(operation(command.route.info()));
        }
        root = root.subcommand(group);
    }
    root.subcommand(
        clap::Command::new("mock")
            .about(
                "Serve every operation from a local mock: documented examples as answers, \
                 every request checked (and its signature, when HUAWEICLOUD_SDK_AK and \
                 HUAWEICLOUD_SDK_SK are set). Prints `listening on http://HOST:PORT` first.",
            )
            .arg(
                Arg::new("addr")
                    .long("addr")
                    .value_name("HOST:PORT")
                    .default_value("127.0.0.1:8080")
                    .help("Where to listen (port 0: any free port)"),
            ),
    )
}

fn operation(info: &'static OperationInfo) -> clap::Command {
    let mut about = format!("{} `{} {}`", info.summary, info.method, info.path);
    if !info.description.is_empty() {
        about = format!("{about}\n\n{}", info.description);
    }
    let mut command = clap::Command::new(info.command)
        .about(info.summary)
        .long_about(about);
    for param in info.params.iter().filter(|p| !p.auto_filled) {
        let arg = flag(param.flag, param.kind, param.help, param.allowed).required(param.required);
        command = command.arg(arg);
    }
    if let Some(body) = &info.body {
        let required = if body.required { " (required)" } else { "" };
        command = command.arg(
            Arg::new(BODY)
                .long(BODY)
                .value_name("JSON|@FILE|-")
                .help(format!(
                    "The request body{required}: JSON text, @FILE to read a file, or - to \
                     read standard input. A field flag below wins over the same field here."
                )),
        );
        for field in body.fields {
            let required = if body.required_fields.contains(&field.name) {
                "\n- required in the body"
            } else {
                ""
            };
            let help = format!("{}{required}", field.help);
            command = command.arg(flag(field.flag, field.kind, &help, field.allowed));
        }
    }
    if info.paging.is_some() {
        command = command.arg(
            Arg::new(ALL)
                .long(ALL)
                .action(ArgAction::SetTrue)
                .help("Fetch every page, from the given offset on; prints a JSON array of pages"),
        );
    }
    command
}

/// One value flag: its short help is the description's first line, its
/// long help everything documented.
fn flag(name: &'static str, kind: Kind, help: &str, allowed: &'static [&'static str]) -> Arg {
    let short = help.lines().next().unwrap_or_default().to_owned();
    let mut arg = Arg::new(name)
        .long(name)
        .help(short)
        .long_help(help.to_owned())
        .value_name(value_name(kind));
    if !allowed.is_empty() {
        arg = arg.value_parser(PossibleValuesParser::new(allowed));
    } else if matches!(kind, Kind::Boolean) {
        arg = arg.value_parser(["true", "false"]);
    }
    arg = match kind {
        Kind::List { .. } => arg.action(ArgAction::Append).value_delimiter(','),
        // `--offset -1` and `--name -x` are values, not flags; the
        // generated checks say whether they are allowed.
        Kind::Integer | Kind::Number => arg.allow_negative_numbers(true),
        _ => arg.allow_hyphen_values(true),
    };
    arg
}

fn value_name(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "TEXT",
        Kind::Integer => "INTEGER",
        Kind::Number => "NUMBER",
        Kind::Boolean => "BOOL",
        Kind::List { .. } => "VALUE,...",
        Kind::Json => "JSON",
        Kind::File => "PATH",
    }
}

/// The parsed flags as a recorded call; an error names the flag.
pub(crate) fn call(
    info: &OperationInfo,
    matches: &ArgMatches,
    stdin: &mut dyn Read,
) -> Result<Value, String> {
    let mut call = Map::new();
    for param in info.params.iter().filter(|p| !p.auto_filled) {
        if let Some(value) = flag_value(matches, param.flag, param.kind)? {
            call.insert(param.name.to_owned(), value);
        }
    }
    let Some(body_info) = &info.body else {
        return Ok(Value::Object(call));
    };
    // A form's fields are read like a JSON body's (a file flag takes a
    // path); the typed request writes the form.
    if !body_info.is_json() && !body_info.is_form() {
        return Err(format!(
            "this operation takes a {} body; the command line sends JSON and form bodies only",
            body_info.content_type
        ));
    }
    let mut body = match matches.get_one::<String>(BODY) {
        Some(source) => Some(read_body(source, stdin)?),
        None => None,
    };
    for field in body_info.fields {
        let Some(value) = flag_value(matches, field.flag, field.kind)? else {
            continue;
        };
        match body.get_or_insert_with(|| Value::Object(Map::new())) {
            Value::Object(object) => {
                object.insert(field.name.to_owned(), value);
            }
            _ => {
                return Err(format!(
                    "--{}: the --body given is not a JSON object, so it has no fields to set",
                    field.flag
                ))
            }
        }
    }
    match body {
        Some(body) => {
            if let Value::Object(object) = &body {
                let missing: Vec<String> = body_info
                    .required_fields
                    .iter()
                    .filter(|name| !object.contains_key(**name))
                    .map(
                        |name| match body_info.fields.iter().find(|f| f.name == *name) {
                            Some(field) => format!("--{}", field.flag),
                            None => format!("`{name}` (in --body only)"),
                        },
                    )
                    .collect();
                if !missing.is_empty() {
                    return Err(format!(
                        "the body lacks required fields: give {} (flags or --body)",
                        missing.join(", ")
                    ));
                }
            }
            call.insert("body".to_owned(), body);
        }
        None if body_info.required => {
            let flags: Vec<String> = body_info
                .fields
                .iter()
                .map(|f| format!("--{}", f.flag))
                .collect();
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(", or its fields ({})", flags.join(", "))
            };
            return Err(format!("the request body is required: give --body{flags}"));
        }
        None => {}
    }
    Ok(Value::Object(call))
}

fn flag_value(matches: &ArgMatches, flag: &str, kind: Kind) -> Result<Option<Value>, String> {
    let Some(values) = matches.get_many::<String>(flag) else {
        return Ok(None);
    };
    let values: Vec<&str> = values.map(String::as_str).collect();
    let read =
        |kind: Scalar, text: &str| scalar(kind, text).map_err(|why| format!("--{flag}: {why}"));
    let value = match kind {
        // Empty items (`--kinds a,,b`) are dropped, as the mock drops them.
        Kind::List { item, .. } => Value::Array(
            values
                .iter()
                .filter(|v| !v.is_empty())
                .map(|v| read(item, v))
                .collect::<Result<_, _>>()?,
        ),
        Kind::String => read(Scalar::String, values[0])?,
        Kind::Integer => read(Scalar::Integer, values[0])?,
        Kind::Number => read(Scalar::Number, values[0])?,
        Kind::Boolean => read(Scalar::Boolean, values[0])?,
        Kind::Json => {
            serde_json::from_str(values[0]).map_err(|err| format!("--{flag}: not JSON: {err}"))?
        }
        Kind::File => {
            let file = crate::FilePart::from_path(values[0])
                .map_err(|err| format!("--{flag} {}: {err}", values[0]))?;
            serde_json::to_value(file).map_err(|err| format!("--{flag}: {err}"))?
        }
    };
    Ok(Some(value))
}

/// `--body`: JSON text, `@FILE`, or `-` for standard input.
fn read_body(source: &str, stdin: &mut dyn Read) -> Result<Value, String> {
    let text = if source == "-" {
        let mut text = String::new();
        stdin
            .read_to_string(&mut text)
            .map_err(|err| format!("--body -: cannot read standard input: {err}"))?;
        text
    } else if let Some(path) = source.strip_prefix('@') {
        std::fs::read_to_string(path).map_err(|err| format!("--body @{path}: {err}"))?
    } else {
        source.to_owned()
    };
    serde_json::from_str(&text).map_err(|err| format!("--body: not JSON: {err}"))
}

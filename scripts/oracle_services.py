#!/usr/bin/env python3
"""Record what the vendor's official Python SDK (huaweicloudsdk* 3.1.219) puts on the wire.

For every case in tests/data/oracle-services/cases.json this script builds the SDK client of the
case's service against a fake HTTP server on 127.0.0.1, builds the SDK request object from the
case's `input` (parameters keyed by their wire names, as the vendor's OpenAPI document names
them), calls the operation and records the request exactly as it arrived on the socket:
method, request target, ordered headers, body, and the Authorization the SDK computed.

Usage (needs a venv with huaweicloudsdkcore and the service packages, all 3.1.219):

    /tmp/oracle-venv/bin/python scripts/oracle_services.py --port 18081 \
        [--cases tests/data/oracle-services/cases.json] \
        [--out tests/data/oracle-services/captures.json] [--only NAME ...]

Determinism: X-Sdk-Date is pinned to 20261124T080000Z (the signer's utcnow), the User-Agent suffix
is pinned, multipart boundaries are derived from the case name, the port is fixed (Host and so
the signature include it). Two runs give byte-identical output.

Safety: the credentials are fake and given with explicit project/domain ids, so the SDK never
asks IAM for them; in addition every outgoing connection to anything but 127.0.0.1 is refused.
"""

import argparse
import base64
import hashlib
import importlib
import json
import logging
import os
import re
import socket
import socketserver
import sys
import tempfile
import threading
import traceback
import uuid
from importlib.metadata import version as pkg_version

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(REPO, "tests", "data", "oracle-services")

FIXED_SDK_DATE = "20261124T080000Z"
AK = "AKTESTEXAMPLE0000001"
SK = "SKtestexample/secret+key0000000000000000"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
DOMAIN_ID = "fedcba9876543210fedcba9876543210"
UA_SUFFIX = ("os/Linux#oracle#x86_64 python/3.11.7 impl/CPython; "
             "app/00000000-0000-4000-8000-000000000000")
LOOPBACK = "127.0.0.1"

REASONS = {200: "OK", 202: "Accepted", 204: "No Content", 400: "Bad Request", 500: "Internal Server Error"}


# ------------------------------------------------------------------------------------------------
# Network guard: nothing but 127.0.0.1
# ------------------------------------------------------------------------------------------------
def install_network_guard():
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if host not in (LOOPBACK, "localhost", None):
            raise OSError("oracle_services.py: refusing to resolve %r (only %s is allowed)" % (host, LOOPBACK))
        return real_getaddrinfo(LOOPBACK if host == "localhost" else host, *args, **kwargs)

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] != LOOPBACK:
            raise OSError("oracle_services.py: refusing to connect to %r" % (address,))
        return real_connect(self, address)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect


# ------------------------------------------------------------------------------------------------
# Fake server: raw socket parsing, so header case/order and the request target are byte exact
# ------------------------------------------------------------------------------------------------
class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.response = (200, b"{}")

    def take(self):
        with self.lock:
            out, self.requests = self.requests, []
            return out


class RawHandler(socketserver.StreamRequestHandler):
    recorder = None  # set on the bound subclass

    def handle(self):
        while True:
            line = self.rfile.readline(1 << 20)
            if not line:
                return
            if line in (b"\r\n", b"\n"):
                continue
            headers = []
            while True:
                h = self.rfile.readline(1 << 20)
                if not h:
                    return
                if h in (b"\r\n", b"\n"):
                    break
                name, _, value = h.rstrip(b"\r\n").partition(b":")
                # latin-1 maps bytes to str one to one: exactly the bytes that were sent
                headers.append([name.decode("latin-1"), value.strip(b" \t").decode("latin-1")])
            method, target, _version = line.rstrip(b"\r\n").decode("latin-1").split(" ", 2)
            lower = {k.lower(): v for k, v in headers}
            body = b""
            if "chunked" in lower.get("transfer-encoding", "").lower():
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        break
                    body += self.rfile.read(size)
                    self.rfile.readline()
            elif "content-length" in lower:
                body = self.rfile.read(int(lower["content-length"]))

            r = self.recorder
            with r.lock:
                r.requests.append({"method": method, "target": target, "headers": headers, "body": body})
                status, resp_body = r.response
            if method == "HEAD":
                resp_body = b""  # a HEAD response never has a body
                status = 204 if status == 200 else status
            out = ["HTTP/1.1 %d %s" % (status, REASONS.get(status, "Status")),
                   "Content-Type: application/json",
                   "X-Request-Id: 00000000000000000000000000000000",
                   "Content-Length: %d" % len(resp_body)]
            close = lower.get("connection", "").lower() == "close"
            out.append("Connection: %s" % ("close" if close else "keep-alive"))
            self.wfile.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + resp_body)
            self.wfile.flush()
            if close:
                return


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_server(port):
    recorder = Recorder()
    handler = type("BoundHandler", (RawHandler,), {"recorder": recorder})
    srv = Server((LOOPBACK, port), handler)
    threading.Thread(target=srv.serve_forever, name="oracle-http", daemon=True).start()
    return srv, recorder


# ------------------------------------------------------------------------------------------------
# SDK pinning and spying
# ------------------------------------------------------------------------------------------------
class Spy:
    def __init__(self):
        self.lock = threading.Lock()
        self.canonical = []
        self.string_to_sign = []
        self.boundary = None

    def reset(self):
        with self.lock:
            self.canonical, self.string_to_sign = [], []


SPY = Spy()


def install_patches():
    import huaweicloudsdkcore.http.user_agent as ua_mod
    import huaweicloudsdkcore.signer.signer as signer_mod
    import requests_toolbelt.multipart.encoder as mp_encoder
    from huaweicloudsdkcore.signer.signer import Signer

    real_dt = signer_mod.datetime

    class FixedDatetime(real_dt):
        @classmethod
        def utcnow(cls):
            return cls.strptime(FIXED_SDK_DATE, "%Y%m%dT%H%M%SZ")

    signer_mod.datetime = FixedDatetime

    orig_canon = Signer._process_canonical_request
    orig_sts = Signer._process_string_to_sign

    def canon(self, request, signed_headers):
        out = orig_canon(self, request, signed_headers)
        with SPY.lock:
            SPY.canonical.append(out)
        return out

    def sts(self, canonical_request, time):
        out = orig_sts(self, canonical_request, time)
        with SPY.lock:
            SPY.string_to_sign.append(out)
        return out

    Signer._process_canonical_request = canon
    Signer._process_string_to_sign = sts

    # ClientBuilder.build() reads this module attribute when HttpConfig.user_agent is None
    ua_mod.user_agent_string = UA_SUFFIX

    # MultipartEncoder draws its boundary from uuid4().hex; pin it per case
    def pinned_uuid4():
        return uuid.UUID(hex=SPY.boundary, version=4)

    mp_encoder.uuid4 = pinned_uuid4


def build_client(sdk, scope, endpoint):
    from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig

    klass = getattr(importlib.import_module(sdk["module"]), sdk["client"])
    if scope == "project":
        credentials = BasicCredentials(AK, SK, PROJECT_ID)
    elif scope == "domain":
        credentials = GlobalCredentials(AK, SK, DOMAIN_ID)
    else:
        raise ValueError("scope must be 'project' or 'domain', not %r" % scope)
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    config.timeout = (5, 10)
    client = klass.new_builder() \
        .with_http_config(config) \
        .with_credentials(credentials) \
        .with_endpoint(endpoint) \
        .build()
    client._logger.addHandler(logging.NullHandler())
    return client


# ------------------------------------------------------------------------------------------------
# Case input (wire names) -> SDK request object (attribute names)
# ------------------------------------------------------------------------------------------------
_PRIMS = {"str", "int", "bool", "float", "object", "date", "datetime", "long"}


class CaseFiles:
    """Files for `file` parameters, written under their given names in a private temp dir."""

    def __init__(self):
        self.dir = tempfile.TemporaryDirectory(prefix="oracle-services-")
        self.opened = []

    def form_file(self, spec):
        from huaweicloudsdkcore.http.formdata import FormFile
        path = os.path.join(self.dir.name, spec["filename"])
        with open(path, "wb") as f:
            f.write(base64.b64decode(spec["content_base64"]))
        ff = FormFile(open(path, "rb"), spec.get("content_type"))
        self.opened.append(ff)
        return ff

    def close(self):
        for ff in self.opened:
            ff.close()
        self.dir.cleanup()


def to_model(type_str, value, pkg, files):
    """Convert a JSON value keyed by wire names into the SDK type `type_str`."""
    if value is None:
        return None
    if type_str.startswith("list["):
        return [to_model(type_str[5:-1], v, pkg, files) for v in value]
    if type_str.startswith("dict("):
        inner = re.match(r"dict\(([^,]*), (.*)\)", type_str).group(2)
        return {k: to_model(inner, v, pkg, files) for k, v in value.items()}
    if type_str == "file":
        return files.form_file(value)
    if type_str in _PRIMS:
        return value
    klass = getattr(pkg, type_str)
    by_wire = {wire: attr for attr, wire in klass.attribute_map.items()}
    kwargs = {}
    for wire, v in value.items():
        attr = by_wire.get(wire)
        if attr is None:
            raise KeyError("%s has no field named %r on the wire (fields: %s)"
                           % (type_str, wire, ", ".join(sorted(by_wire))))
        kwargs[attr] = to_model(klass.openapi_types[attr], v, pkg, files)
    return klass(**kwargs)


def build_request(case, pkg, files):
    """Top level: path/query/header parameters and `body` by wire name. Parameters the SDK keeps
    inside its body model (formData fields) are moved into the body. `sdk_input` (SDK attribute
    names, raw values) is applied last."""
    klass = getattr(pkg, case["sdk"]["request"])
    by_wire = {wire: attr for attr, wire in klass.attribute_map.items()}
    top, body_extra = {}, {}
    for wire, v in case.get("input", {}).items():
        if wire in by_wire:
            top[by_wire[wire]] = v
        elif "body" in klass.openapi_types:
            body_extra[wire] = v  # e.g. a formData field: the SDK models it as a body field
        else:
            raise KeyError("%s has no parameter named %r" % (klass.__name__, wire))
    if body_extra:
        if "body" in top:
            raise KeyError("%s: both `body` and body fields %s given" % (case["name"], sorted(body_extra)))
        top["body"] = body_extra
    kwargs = {attr: to_model(klass.openapi_types[attr], v, pkg, files) for attr, v in top.items()}
    kwargs.update(case.get("sdk_input", {}))
    return klass(**kwargs)


# ------------------------------------------------------------------------------------------------
# Running a case
# ------------------------------------------------------------------------------------------------
def body_record(body):
    rec = {"body_len": len(body), "body_sha256": hashlib.sha256(body).hexdigest()}
    try:
        rec["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        rec["body"] = body.decode("utf-8", errors="backslashreplace")
        rec["body_base64"] = base64.b64encode(body).decode("ascii")
        rec["body_note"] = "not UTF-8: in `body` invalid bytes are shown as \\xNN; `body_base64` is exact"
    return rec


def describe_outcome(fn):
    try:
        resp = fn()
        return {"kind": "response", "class": type(resp).__name__, "status_code": getattr(resp, "status_code", None)}
    except Exception as e:  # noqa: BLE001 - errors after the request was sent are fine
        d = {"kind": "exception", "class": type(e).__name__, "message": str(e)[:300]}
        if hasattr(e, "status_code"):
            d["status_code"] = e.status_code
        return d


def run_case(case, endpoint, recorder, clients):
    sdk = case["sdk"]
    key = (sdk["module"], sdk["client"], case["scope"])
    if key not in clients:
        clients[key] = build_client(sdk, case["scope"], endpoint)
    client = clients[key]
    pkg = importlib.import_module(sdk["module"])

    resp = case.get("response", {})
    with recorder.lock:
        recorder.response = (resp.get("status", 200), json.dumps(resp.get("json", {})).encode("utf-8"))
    recorder.take()
    SPY.reset()
    SPY.boundary = hashlib.sha256(case["name"].encode("utf-8")).hexdigest()[:32]

    files = CaseFiles()
    try:
        request = build_request(case, pkg, files)
        outcome = describe_outcome(lambda: getattr(client, sdk["method"])(request))
    except Exception:  # noqa: BLE001 - the case itself is broken: report it
        outcome = {"kind": "case_error", "traceback": traceback.format_exc()}
    finally:
        files.close()

    wire = recorder.take()
    with SPY.lock:
        canon, sts = list(SPY.canonical), list(SPY.string_to_sign)

    rec = {k: case[k] for k in ("name", "service", "operation", "scope", "covers", "sdk", "input", "input_note")
           if k in case}
    if "sdk_input" in case:
        rec["sdk_input"] = case["sdk_input"]
    rec["outcome"] = outcome
    rec["request_count"] = len(wire)
    if len(wire) != 1:
        rec["request"] = None
        rec["requests"] = [dict(w, **body_record(w.pop("body"))) for w in wire]
        return rec
    w = wire[0]
    req = {"method": w["method"], "target": w["target"], "headers": w["headers"]}
    req.update(body_record(w["body"]))
    rec["request"] = req
    hdrs = {k.lower(): v for k, v in w["headers"]}
    rec["authorization"] = hdrs.get("authorization")
    ctype = hdrs.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        rec["multipart_boundary"] = ctype.split("boundary=", 1)[1]
    rec["signing"] = {
        "canonical_request": canon[0] if len(canon) == 1 else canon,
        "string_to_sign": sts[0] if len(sts) == 1 else sts,
    }
    return rec


def self_check(rec):
    problems = []
    if rec["outcome"]["kind"] == "case_error":
        return ["case error: " + rec["outcome"]["traceback"].strip().splitlines()[-1]]
    if rec["request"] is None:
        return ["expected exactly one request on the wire, got %d" % rec["request_count"]]
    w = rec["request"]
    hdrs = {k.lower(): v for k, v in w["headers"]}
    if hdrs.get("x-sdk-date") != FIXED_SDK_DATE:
        problems.append("X-Sdk-Date not pinned: %r" % hdrs.get("x-sdk-date"))
    want = "x-project-id" if rec["scope"] == "project" else "x-domain-id"
    other = "x-domain-id" if rec["scope"] == "project" else "x-project-id"
    if want not in hdrs or other in hdrs:
        problems.append("expected %s and no %s" % (want, other))
    canon = rec["signing"]["canonical_request"]
    if isinstance(canon, str):
        lines = canon.split("\n")
        wire_q = w["target"].split("?", 1)[1] if "?" in w["target"] else ""
        if lines[2] != wire_q:
            problems.append("canonical query != wire query")
        payload_hash = lines[-1]
        unsigned = hdrs.get("x-sdk-content-sha256") == "UNSIGNED-PAYLOAD"
        if payload_hash != ("UNSIGNED-PAYLOAD" if unsigned else w["body_sha256"]):
            problems.append("payload hash in canonical request != sha256(wire body)")
        expected_sig = __import__("hmac").new(SK.encode(), rec["signing"]["string_to_sign"].encode(),
                                              hashlib.sha256).hexdigest()
        if not (rec["authorization"] or "").endswith("Signature=" + expected_sig):
            problems.append("Authorization signature does not match HMAC(SK, string to sign)")
    else:
        problems.append("expected one canonical request, got %d" % len(canon))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=18081)
    ap.add_argument("--cases", default=os.path.join(DATA, "cases.json"))
    ap.add_argument("--out", default=os.path.join(DATA, "captures.json"))
    ap.add_argument("--only", action="append", help="run only the named case(s)")
    args = ap.parse_args()

    install_network_guard()
    install_patches()
    srv, recorder = start_server(args.port)
    endpoint = "http://%s:%d" % (LOOPBACK, srv.server_address[1])

    with open(args.cases, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    names = [c["name"] for c in cases]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        sys.exit("duplicate case names: %s" % ", ".join(dupes))
    if args.only:
        cases = [c for c in cases if c["name"] in args.only]

    clients, results, failures = {}, [], 0
    for case in cases:
        rec = run_case(case, endpoint, recorder, clients)
        rec["self_check"] = self_check(rec)
        failures += bool(rec["self_check"])
        results.append(rec)
        req = rec["request"] or {}
        print("%-48s %-6s %-60s %s%s" % (
            case["name"], req.get("method", "?"), req.get("target", "")[:60],
            rec["outcome"].get("class", rec["outcome"]["kind"]),
            "  PROBLEM: " + "; ".join(rec["self_check"]) if rec["self_check"] else ""))

    for c in clients.values():
        c.close()
    srv.shutdown()
    srv.server_close()

    packages = sorted({"huaweicloudsdkcore", "requests", "requests-toolbelt", "urllib3", "simplejson"}
                      | {c["sdk"]["module"].split(".")[0] for c in cases})
    meta = {
        "generated_by": "scripts/oracle_services.py",
        "sdk_versions": {p: pkg_version(p) for p in packages},
        "endpoint": endpoint,
        "host_header": "%s:%d" % (LOOPBACK, srv.server_address[1]),
        "credentials": {"ak": AK, "sk": SK, "project_id": PROJECT_ID, "domain_id": DOMAIN_ID,
                        "note": "fake; scope 'project' = BasicCredentials(ak, sk, project_id), "
                                "scope 'domain' = GlobalCredentials(ak, sk, domain_id)"},
        "x_sdk_date": FIXED_SDK_DATE,
        "user_agent_suffix": UA_SUFFIX,
        "multipart_boundary": "uuid4 in requests_toolbelt's encoder pinned to sha256(case name)[:32]",
        "fake_server_response": "200 (204 for HEAD), Content-Type: application/json, body {} (none for HEAD)",
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "cases": results}, f, indent=2, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print("wrote %s (%d cases, %d with problems)" % (os.path.relpath(args.out), len(results), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

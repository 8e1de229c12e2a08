#!/usr/bin/env python3
"""A tiny key-value HTTP server, the node of the test plugin script-kv (python3 stdlib only).

GET /ping answers "pong"; GET /kv/KEY answers {"value": V} (null when unset); PUT /kv/KEY with {"value": V} sets it;
POST /kv/KEY/cas with {"from": A, "to": B} sets B when the value is A, else answers 409. Every change is written to
DATA_DIR/kv.json (through a temporary file and a rename) before it is acknowledged, and read back at start.
"""
import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--id", required=True)
parser.add_argument("--host", required=True)
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--data-dir", required=True)
args = parser.parse_args()

os.makedirs(args.data_dir, exist_ok=True)
store_file = os.path.join(args.data_dir, "kv.json")
lock = threading.Lock()
data = {}
if os.path.exists(store_file):
    with open(store_file) as f:
        data = json.load(f)


def persist():
    temp = store_file + ".tmp"
    with open(temp, "w") as f:
        json.dump(data, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, store_file)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, body):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def body(self):
        length = int(self.headers.get("Content-Length", "0"))
        return json.loads(self.rfile.read(length) or b"{}")

    def do_GET(self):
        if self.path == "/ping":
            self.answer(200, "pong")
        elif self.path.startswith("/kv/"):
            with lock:
                self.answer(200, {"value": data.get(self.path[4:])})
        else:
            self.answer(404, {"error": "no such path " + self.path})

    def do_PUT(self):
        if not self.path.startswith("/kv/"):
            self.answer(404, {"error": "no such path " + self.path})
            return
        value = self.body().get("value")
        with lock:
            data[self.path[4:]] = value
            persist()
        self.answer(200, {"value": value})

    def do_POST(self):
        if not (self.path.startswith("/kv/") and self.path.endswith("/cas")):
            self.answer(404, {"error": "no such path " + self.path})
            return
        key = self.path[4:-4]
        request = self.body()
        with lock:
            if data.get(key) != request.get("from"):
                self.answer(409, {"error": "cas-mismatch", "value": data.get(key)})
                return
            data[key] = request.get("to")
            persist()
        self.answer(200, {"value": request.get("to")})


server = ThreadingHTTPServer((args.host, args.port), Handler)
print("kv node %s serving on %s:%d, data in %s" % (args.id, args.host, args.port, args.data_dir), flush=True)
sys.stderr.flush()
server.serve_forever()

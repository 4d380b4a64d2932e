#!/usr/bin/env python3
"""HTTP(S) server for the HTTP health probe tests (tests/health_http_probe_test.cpp).

Binds 127.0.0.1 on a free port and prints the port on stdout, then serves:
  /status/N    status N, body "status N" (3xx carry a Location header)
  /body/TEXT   200 with body TEXT
  /host        200 with the request's Host header as the body
  /big/TEXT    200 with 1 MiB of filler and then TEXT
  /hang        reads the request and never answers
With --tls CERT KEY it speaks HTTPS. It runs until killed.
"""
import http.server
import ssl
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        parts = self.path.split("/", 2)
        route = parts[1] if len(parts) > 1 else ""
        arg = parts[2] if len(parts) > 2 else ""
        if route == "hang":
            threading.Event().wait()
        if route == "status":
            self.reply(int(arg), "status " + arg)
        elif route == "body":
            self.reply(200, arg)
        elif route == "host":
            self.reply(200, self.headers.get("Host", ""))
        elif route == "big":
            self.reply(200, "x" * (1 << 20) + arg)
        else:
            self.reply(404, "no such path")

    def reply(self, status, text):
        body = text.encode()
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "/status/200")
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the probe read enough and hung up

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True  # a hung request does not hold up the exit

    def handle_error(self, request, client_address):
        pass  # failed handshakes and hang-ups are what some tests do


def main():
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        # The handshake happens in the handler thread, so a slow or
        # failing client never blocks the accept loop.
        server.socket = context.wrap_socket(
            server.socket, server_side=True, do_handshake_on_connect=False
        )
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

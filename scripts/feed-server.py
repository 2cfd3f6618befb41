#!/usr/bin/env python3
"""A local HTTP server for testing `spoolscan db update`: serves ROOT on 127.0.0.1 with
directory listings (the Alpine secdb index page is one), strong ETags and single byte ranges
(`Range: bytes=N-`, honouring `If-Range`). Prints its port on the first line of stdout.

  --cut BYTES      the first full (non-range) response for each file announces the whole length
                   but sends only BYTES bytes, then closes the connection: a cut download
  --ignore-range   answer every request with the whole file (200), as servers without ranges do
  --gzip           send every file gzip-encoded (Content-Encoding: gzip, no ranges), whatever the
                   client accepts
  --log FILE       append one line per GET: "PATH RANGE-HEADER-or-- STATUS"
"""
import argparse
import email.utils
import functools
import gzip
import http.server
import os
import re
import signal
import socket
import sys
import threading


class Handler(http.server.SimpleHTTPRequestHandler):
    options = None
    cut_done = set()
    lock = threading.Lock()

    def log_message(self, format, *args):
        pass

    def record(self, status):
        if self.options.log:
            with self.lock, open(self.options.log, "a") as log:
                log.write("%s %s %d\n" % (self.path, self.headers.get("Range") or "--", status))

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            self.record(200)
            return super().do_GET()
        if not os.path.isfile(path):
            self.record(404)
            self.send_error(404)
            return
        with open(path, "rb") as f:
            data = f.read()
        info = os.stat(path)
        etag = '"%x-%x"' % (info.st_size, info.st_mtime_ns)
        wanted = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if self.options.gzip:
            data = gzip.compress(data)
        start, status = 0, 200
        if wanted and not self.options.ignore_range and not self.options.gzip and (if_range is None or if_range == etag):
            match = re.fullmatch(r"bytes=(\d+)-", wanted.strip())
            if match:
                start = int(match.group(1))
                if start >= len(data):
                    self.record(416)
                    self.send_response(416)
                    self.send_header("Content-Range", "bytes */%d" % len(data))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status = 206
        body = data[start:]
        self.record(status)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(info.st_mtime, usegmt=True))
        self.send_header("Accept-Ranges", "none" if self.options.ignore_range else "bytes")
        if self.options.gzip:
            self.send_header("Content-Encoding", "gzip")
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.end_headers()
        with self.lock:
            cut = self.options.cut is not None and status == 200 and path not in self.cut_done
            if cut:
                self.cut_done.add(path)
        if cut:
            self.wfile.write(body[: self.options.cut])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(body)


def main():
    # A parent may have started this process with SIGTERM blocked; stop on it all the same.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--cut", type=int)
    parser.add_argument("--ignore-range", action="store_true")
    parser.add_argument("--gzip", action="store_true")
    parser.add_argument("--log")
    options = parser.parse_args()
    Handler.options = options
    handler = functools.partial(Handler, directory=options.root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())

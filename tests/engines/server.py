"""The built site served again with an error recorder first in every page's <head>.

WebKitGTK's WebDriver gives no console log and no page errors, so the page records its own
(recorder.js). Every engine gets the same pages, so the scenario means the same everywhere. It is a
second server over the directory tests/conftest.py builds and serves; that one stays untouched for
the other tests.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import QuietHandler, Server

RECORDER = Path(__file__).with_name("recorder.js")
RECORDER_PATH = "/__engines/recorder.js"
TAG = f'<script src="{RECORDER_PATH}"></script>'.encode()


class Handler(QuietHandler):
    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path == RECORDER_PATH:
            self.reply(RECORDER.read_bytes(), "text/javascript")
            return
        file = Path(self.translate_path(path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            html = file.read_bytes()
            self.reply(html.replace(b"<head>", b"<head>" + TAG, 1), "text/html; charset=utf-8")
            return
        super().do_GET()

    def reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class RecordingServer(Server):
    """Serves `directory` on a free port of 127.0.0.1, pages with the recorder."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory, Handler)

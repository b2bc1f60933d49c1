"""Pages built from hostile raw files, loaded in headless Chromium.

Every page built from the `bad-xss-*` cases (scripts, handlers,
javascript: and data: URLs, SVG, iframe srcdoc, broken markup, in text and
in HTML) is opened in a real browser: no script may run, no dialog open
and no request leave the site.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import CASES_DIR, CHROMIUM, copy_project, run_pelican

LOCAL_HOSTS = {"127.0.0.1", "localhost"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"),
]

# Runs before any page script: counts every way a payload could announce itself.
TRAPS = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  const original = window[name];
  window[name] = function () { window.__ran.push(name); };
}
"""


def hostile_cases() -> list[Path]:
    """The case directories of hostile raw files: scripts, handlers, unsafe links."""
    return sorted(CASES_DIR.glob("bad-xss-*"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A site built from the hostile cases only, served on localhost: (output, base URL)."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project", seeds=False)
    for case in hostile_cases():
        for seed in case.glob("seed.*"):
            (project / "seeds" / f"{case.name}{seed.suffix}").write_bytes(seed.read_bytes())
    result = run_pelican(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    output = project / "output"
    handler = functools.partial(QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield output, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_hostile_pages_are_inert(hostile_site, browser):
    output, base = hostile_site
    pages = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    articles = [p for p in pages if "bad-" in (output / p).read_text(encoding="utf-8")
                or p.count("/") >= 3]
    assert len(pages) > len(hostile_cases()), pages
    outside, dialogs, errors = [], [], []
    context = browser.new_context()
    context.add_init_script(TRAPS)

    def guard(route):
        host = urlsplit(route.request.url).hostname or ""
        if host in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda err: errors.append(str(err)))
    for path in pages:
        page.goto(f"{base}/{path}", wait_until="load")
        page.wait_for_timeout(50)
        assert page.evaluate("window.__ran") == [], path
        found = page.evaluate("""() => {
            const bad = [];
            for (const el of document.querySelectorAll('*')) {
              for (const a of el.attributes) {
                if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
                if (/^\\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
              }
              if (['IFRAME','OBJECT','EMBED','SVG','FORM','BASE','META'].includes(el.tagName)
                  && el.closest('main, article')) bad.push(el.tagName);
            }
            // JSON-LD is data the browser never runs: allowed when it parses and holds no markup.
            const isData = s => s.type === 'application/ld+json' && !s.src && !/[<>]/.test(s.textContent)
                && (() => { try { JSON.parse(s.textContent); return true; } catch (e) { return false; } })();
            const inline = [...document.scripts].filter(s => !isData(s) && (!s.src || !s.src.startsWith(location.origin)));
            return bad.concat(inline.map(s => 'SCRIPT ' + (s.src || s.textContent.slice(0, 40))));
        }""")
        # The search page may load Pagefind's own script from this site; nothing else.
        assert found == [] or path.startswith("search"), (path, found)
    context.close()
    assert outside == [], outside
    assert dialogs == [], dialogs
    assert errors == [], errors
    assert articles

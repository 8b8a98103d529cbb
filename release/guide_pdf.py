"""The user guide as PDF: Markdown → HTML (python-markdown) → PDF (LibreOffice Writer, headless).

The HTML sits beside the Markdown while LibreOffice reads it, so relative image links resolve; the font is
named explicitly so the Chinese text is set in Noto Sans CJK SC where it is installed. The HTML is read with
Writer's own import filter ("HTML (StarWriter)"): the default Writer/Web route exports a first page without text.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import markdown

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>
body, h1, h2, h3 {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }}
body {{ font-size: 10.5pt; }}
code, pre {{ font-family: "Noto Sans Mono CJK SC", "Consolas", monospace; font-size: 9.5pt; }}
th {{ background: #e8eef7; }}
</style></head>
<body>
{body}
</body></html>
"""


def guide_html(source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    body = markdown.markdown(text, extensions=["tables", "fenced_code"], output_format="html")
    body = body.replace("<table>", '<table border="1" cellspacing="0" cellpadding="4" width="100%">')
    title = text.splitlines()[0].lstrip("# ").strip()
    return PAGE.format(title=title, body=body)


def markdown_to_pdf(source: Path, target: Path, timeout: float = 180) -> Path:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the guide's PDF")
    html = source.with_name(f".{source.stem}.pdf-source.html")
    html.write_text(guide_html(source), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory(prefix="qzxl-guide-") as scratch:
            command = [program, f"-env:UserInstallation=file://{Path(scratch, 'profile').as_posix()}", "--headless",
                       "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                       "--outdir", scratch, str(html)]
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
            shutil.move(Path(scratch) / f"{html.stem}.pdf", target)
    finally:
        html.unlink(missing_ok=True)
    return target

"""Scans made from born-digital PDFs, for the OCR tests and benchmark: each page rendered by poppler's ``pdftoppm``
(grey JPEG, as a scanner writes them) and put back into a PDF with no text layer at all, one image per page.

The PDF is written here (a few objects: pages, one DCT-encoded image each), so making a scan needs no OCR tool
and no imaging library; only ``pdftoppm`` renders.

>>> b"/DCTDecode" in image_pdf_bytes([(b"\\xff\\xd8 jpeg", 10, 20)], dpi=72)
True
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def image_pdf_bytes(images: list[tuple[bytes, int, int]], dpi: int) -> bytes:
    """A PDF of JPEG pages ``(data, width px, height px)`` printed at ``dpi`` (grey or colour, as the JPEG is)."""
    objects: list[bytes] = []
    kids = []
    for k, (data, w, h) in enumerate(images):
        page, image, content = 3 + 3 * k, 4 + 3 * k, 5 + 3 * k
        kids.append(f"{page} 0 R")
        pw, ph = w * 72 / dpi, h * 72 / dpi
        draw = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] "
                       f"/Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >>".encode())
        space = "/DeviceRGB" if _jpeg_components(data) == 3 else "/DeviceGray"
        objects.append(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} "
                       f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)} >>\nstream\n".encode()
                       + data + b"\nendstream")
        objects.append(f"<< /Length {len(draw)} >>\nstream\n".encode() + draw + b"\nendstream")
    objects.insert(0, b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.insert(1, f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(images)} >>".encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _jpeg_frame(data: bytes) -> tuple[int, int, int]:
    """Width, height and colour components from a JPEG's start-of-frame marker (1 when there is none)."""
    i = 2
    while i + 9 < len(data):
        marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big"), data[i + 9]
        i += 2 + length
    return 0, 0, 1


def _jpeg_size(data: bytes) -> tuple[int, int]:
    return _jpeg_frame(data)[:2]


def _jpeg_components(data: bytes) -> int:
    return _jpeg_frame(data)[2]


def make_scan(pdf: Path, out: Path, dpi: int = 300, pages: list[int] | None = None, pdftoppm: str | None = None) -> Path:
    """Write ``out``: the pages of ``pdf`` (all, or the 1-based ``pages``) as images only, rendered at ``dpi``."""
    tool = pdftoppm or shutil.which("pdftoppm")
    if tool is None:
        raise FileNotFoundError("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="kg-scan-") as tmp:
        args = [tool, "-r", str(dpi), "-gray", "-jpeg", "-jpegopt", "quality=80"]
        if pages:
            images = []
            for p in pages:
                subprocess.run(args + ["-f", str(p), "-l", str(p), "-singlefile", str(pdf), str(Path(tmp) / f"p{p:04d}")],
                               check=True, capture_output=True)
        else:
            subprocess.run(args + [str(pdf), str(Path(tmp) / "p")], check=True, capture_output=True)
        images = []
        for f in sorted(Path(tmp).glob("*.jpg")):
            data = f.read_bytes()
            images.append((data, *_jpeg_size(data)))
    out.write_bytes(image_pdf_bytes(images, dpi))
    return out

"""Time `extract` on filled Word forms read by their tags, and on the same forms with every tag
removed (as LibreOffice saves them), read by position, in one process.

    python benchmarks/extract_bench.py [--count 50] [--seed 2020] [--scale 1,10,100]

The forms are docx_bench.py's generated responses. `--scale` also times reading by position a
records table of 1×, 10× and 100× 25 rows, by tag and by position, to show the time grows
linearly with the number of places.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import re
import statistics
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from msqschema import load_questionnaire
from msqschema.extraction.reader import extract
from msqschema.render import render

_TAG = re.compile(rb"<w:tag [^>]*/>")


def docx_bench() -> Any:
    """benchmarks/docx_bench.py, for its generated responses."""
    spec = importlib.util.spec_from_file_location("docx_bench", Path(__file__).with_name(
        "docx_bench.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def untagged(docx: bytes) -> bytes:
    """The form with every content control's tag removed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, _TAG.sub(b"", data) if info.filename == "word/document.xml"
                            else data)
    return buffer.getvalue()


def median_ms(forms: list[bytes], questionnaire: Any) -> float:
    """The median time to extract one form, in milliseconds."""
    times = []
    for form in forms:
        start = time.perf_counter()
        extract(form, questionnaire)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--scale", default="1,10,100")
    options = parser.parse_args()
    msq = load_questionnaire("msq2020")
    tagged = [render(msq, "docx", response)
              for response in docx_bench().responses(msq, options.count, options.seed)]
    extract(tagged[0], msq)  # the blank form is rendered once per process; not timed
    lost = [untagged(form) for form in tagged]
    print(f"read by tag:      median {median_ms(tagged, msq):7.1f} ms per form "
          f"({options.count} forms)")
    print(f"read by position: median {median_ms(lost, msq):7.1f} ms per form")
    for factor in map(int, options.scale.split(",")):
        rows = [{"name": f"Agency {row}", "url": f"www.a{row}.example"}
                for row in range(25 * factor)]
        form = render(msq, "docx", {"answers": {"sector_agencies": {
            "planning_development": rows}}})
        seconds = []
        for way in (form, untagged(form)):
            start = time.perf_counter()
            result = extract(way, msq)
            seconds.append(time.perf_counter() - start)
            assert len(result.answers["sector_agencies"]["planning_development"]) == len(rows)
        print(f"{len(rows):>7,} agency rows: {seconds[0]:6.2f} s by tag, {seconds[1]:6.2f} s "
              "by position")

if __name__ == "__main__":
    main()

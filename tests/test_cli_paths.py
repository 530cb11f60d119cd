"""Where `render`, `schema` and `extract` write: the format of -o, folders, standard output,
devices, permissions, interruptions and the line that says what was written."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TAJIKISTAN
from msqschema import atomic
from msqschema.atomic import OutputError, write_atomic
from msqschema.cli import cli
from msqschema.cli.render import FORMAT_OF_EXTENSION
from msqschema.render import FORMATS, get_renderer, render


def run(*args: object, input: str | None = None):
    return CliRunner().invoke(cli, [str(arg) for arg in args], input=input)


@pytest.mark.parametrize("name, format_name", [
    ("form.html", "html"), ("form.HTM", "html"), ("form.md", "md"), ("form.docx", "docx")])
def test_the_format_follows_the_extension_of_the_output(tmp_path, msq2020, tajikistan, name,
                                                         format_name):
    out = tmp_path / name
    result = run("render", "-r", TAJIKISTAN, "-o", out)
    assert (result.exit_code, result.stderr) == (0, f"form written to {out}\n")
    expected = render(msq2020, format_name, tajikistan)
    assert out.read_bytes() == (expected.encode() if isinstance(expected, str) else expected)


def test_every_format_extension_implies_its_format():
    for format_name in FORMATS:
        assert FORMAT_OF_EXTENSION[get_renderer(format_name).extension] == format_name


@pytest.mark.parametrize("args, message", [
    (["-f", "html", "-o", "{tmp}/x.docx"], "--format html contradicts the extension of "
                                          "{tmp}/x.docx (docx): drop --format, or change the "
                                          "extension"),
    (["-o", "{tmp}/x.pdf"], "{tmp}/x.pdf: no format has the extension .pdf; give --format "
                            "(html, md, docx)"),
    (["-r", "{a}", "-r", "{a}", "-o", "{tmp}/out.html"],
     "several forms need a folder, not the file {tmp}/out.html (end it with / for a folder "
     "of that name)"),
])
def test_output_names_that_cannot_be_right_are_usage_errors(tmp_path, args, message):
    result = run("render", *[arg.format(tmp=tmp_path, a=TAJIKISTAN) for arg in args])
    assert (result.exit_code, result.stderr) == (2, f"msqschema: {message.format(tmp=tmp_path)}\n")
    assert list(tmp_path.iterdir()) == []


def test_a_format_given_writes_any_other_extension(tmp_path, msq2020):
    out = tmp_path / "notes.txt"
    assert run("render", "-f", "md", "-o", out, "--quiet").exit_code == 0
    assert out.read_text(encoding="utf-8") == render(msq2020, "md")


def test_a_trailing_slash_means_a_folder_for_one_response(tmp_path, msq2020, tajikistan):
    result = run("render", "-r", TAJIKISTAN, "-o", f"{tmp_path}/filled/")
    written = tmp_path / "filled" / "tajikistan-2019.html"
    assert (result.exit_code, result.stderr) == (0, f"form written to {written}\n")
    assert written.read_text(encoding="utf-8") == render(msq2020, "html", tajikistan)


def test_a_trailing_slash_on_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "form.html").write_text("old")
    result = run("render", "-o", f"{tmp_path}/form.html/")
    assert (result.exit_code, result.stderr) == (
        2, f"msqschema: {tmp_path}/form.html/ is a file, not a folder\n")
    assert (tmp_path / "form.html").read_text() == "old"


def test_several_forms_say_how_many_were_written_and_where(tmp_path):
    second = tmp_path / "second.yaml"
    shutil.copy(TAJIKISTAN, second)
    out = tmp_path / "filled"
    result = run("render", "-f", "md", "-r", TAJIKISTAN, "-r", second, "-o", out)
    assert (result.exit_code, result.stderr) == (0, f"2 forms written to {out}/\n")
    assert sorted(path.name for path in out.iterdir()) == ["second.md", "tajikistan-2019.md"]
    assert run("render", "-f", "md", "-r", TAJIKISTAN, "-o", out, "--quiet").stderr == ""


@pytest.mark.parametrize("output", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_mean_standard_output(tmp_path, monkeypatch, msq2020, output):
    monkeypatch.chdir(tmp_path)
    result = run("render", "-f", "md", "-o", output)
    assert (result.exit_code, result.stdout, result.stderr) == (0, render(msq2020, "md"), "")
    assert list(tmp_path.iterdir()) == []
    schema = run("schema", "-o", output)
    assert schema.exit_code == 0 and schema.stdout.startswith("{\n")
    assert list(tmp_path.iterdir()) == []


def test_schema_says_which_file_was_written(tmp_path):
    out = tmp_path / "msq2020.schema.json"
    result = run("schema", "-o", out)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "", f"schema written to {out}\n")
    assert run("schema", "-o", out, "--quiet").stderr == ""


def test_a_docx_to_a_terminal_is_refused_and_to_a_pipe_is_written(tmp_path):
    controller, terminal = pty.openpty()
    try:
        refused = subprocess.run([sys.executable, "-m", "msqschema", "render", "-f", "docx",
                                  "-o", "-"], stdout=terminal, stderr=subprocess.PIPE,
                                 timeout=60, check=False)
    finally:
        os.close(terminal)
        os.close(controller)
    assert (refused.returncode, refused.stderr) == (
        2, b"msqschema: this format is binary: write it to a file with -o FILE\n")
    piped = subprocess.run([sys.executable, "-m", "msqschema", "render", "-o", "-", "-f", "docx"],
                           capture_output=True, timeout=60, check=False)
    assert (piped.returncode, piped.stdout[:4], piped.stderr) == (0, b"PK\x03\x04", b"")


def test_a_character_device_is_written_into_never_replaced():
    device = Path("/dev/zero")  # discards what is written, like /dev/null, which tests share
    before = os.stat(device)
    if not stat.S_ISCHR(before.st_mode):
        pytest.skip("/dev/zero is not a character device on this machine")
    write_atomic(device, b"onto the device")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert [path.name for path in device.parent.iterdir() if "msqschema-tmp" in path.name] == []


def test_a_fifo_is_written_into_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [path.name for path in tmp_path.iterdir()] == ["pipe"]


def test_a_socket_or_a_folder_is_refused(tmp_path):
    path = tmp_path / "socket"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(OutputError, match="socket: not a regular file, a pipe or a device"):
            write_atomic(path, b"data")
    assert stat.S_ISSOCK(os.stat(path).st_mode)
    with pytest.raises(OutputError, match=": is a folder$"):
        write_atomic(tmp_path, b"data")


def test_a_new_file_respects_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path):
    previous = os.umask(0o077)
    try:
        write_atomic(tmp_path / "new.yaml", b"private")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(os.stat(tmp_path / "new.yaml").st_mode) == 0o600
    shared = tmp_path / "shared.yaml"
    shared.write_bytes(b"old")
    shared.chmod(0o664)
    write_atomic(shared, b"new")
    assert (shared.read_bytes(), stat.S_IMODE(os.stat(shared).st_mode)) == (b"new", 0o664)


def test_ctrl_c_during_a_write_exits_130_and_removes_the_temporary_file(tmp_path, monkeypatch):
    seen: list[str] = []

    def interrupted(descriptor: int) -> None:
        seen.extend(path.name for path in tmp_path.iterdir())
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    result = run("render", "-o", tmp_path / "form.html")
    assert (result.exit_code, result.stderr) == (130, "msqschema: interrupted\n")
    assert len(seen) == 1 and re.fullmatch(r"\.form\.html\.msqschema-tmp-\w+", seen[0])
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_writing_into_a_full_pipe_exits_130(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # never read: the writer blocks
    try:
        fcntl.fcntl(reader, fcntl.F_SETPIPE_SZ, 4096)
        process = subprocess.Popen([sys.executable, "-m", "msqschema", "render", "-o", fifo],
                                   stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _has_open(process.pid, fifo):
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        os.close(reader)
    assert (process.returncode, stderr) == (130, b"msqschema: interrupted\n")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def _has_open(pid: int, path: Path) -> bool:
    """True once the process has `path` open."""
    try:
        return any(os.readlink(link) == str(path) for link in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False

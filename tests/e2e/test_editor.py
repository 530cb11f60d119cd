"""The exported schema in a real editor engine: yaml-language-server (VS Code's YAML extension)
over its language server protocol, as docs/response-files.md sets it up."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ROOT
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.responses.schema import response_schema

SERVER = (shutil.which("yaml-language-server", path=str(ROOT / ".ci/node/node_modules/.bin"))
          or shutil.which("yaml-language-server"))
pytestmark = [pytest.mark.editor, pytest.mark.skipif(
    SERVER is None, reason="yaml-language-server is missing: npm install --prefix .ci/node "
                           "yaml-language-server")]

RESPONSE = """\
# yaml-language-server: $schema=../schemas/msq2020.response.schema.json
questionnaire: msq2020
answers:
  response_date: 2019-7-31
  chief_information_officer:
    email: not an e-mail
  social_media: {words}
  new_technology_strategies:
    selected: [blockchain, ]
"""


class LanguageServer:
    """A minimal client of a language server speaking JSON-RPC over its standard streams."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline().strip()):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(data), data))
        self.process.stdin.flush()

    def _incoming(self, timeout: float) -> Iterator[dict[str, Any]]:
        """Messages as they come; answers the server's own requests (configuration) on the way."""
        while True:
            message = self.messages.get(timeout=timeout)
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
            elif "id" in message and "method" in message:
                items = message.get("params", {}).get("items", [None])
                self.send({"id": message["id"], "result": [None] * len(items)})
            yield message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        for message in self._incoming(timeout=60):
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def wait_for_diagnostics(self, uri: str) -> list[dict[str, Any]]:
        for _ in self._incoming(timeout=60):
            if self.diagnostics.get(uri):
                return self.diagnostics[uri]
        raise AssertionError("unreachable")


@pytest.fixture(scope="module")
def editor(tmp_path_factory, msq2020) -> Iterator[tuple[LanguageServer, str, list[str]]]:
    root = tmp_path_factory.mktemp("workspace")
    (root / "schemas").mkdir()
    (root / "schemas" / "msq2020.response.schema.json").write_text(
        json.dumps(response_schema(msq2020)), encoding="utf-8")
    (root / "schemas" / "business_survey.response.schema.json").write_text(
        json.dumps(response_schema(load_questionnaire("business_survey"))), encoding="utf-8")
    (root / "responses").mkdir()
    text = RESPONSE.format(words=" ".join(["word"] * 251))
    document = root / "responses" / "r.yaml"
    document.write_text(text, encoding="utf-8")
    assert SERVER is not None
    server = LanguageServer([SERVER, "--stdio"])
    try:
        server.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
            "textDocument": {"completion": {"completionItem": {"documentationFormat":
                                                              ["markdown", "plaintext"]}},
                             "hover": {"contentFormat": ["markdown", "plaintext"]}}}})
        server.send({"method": "initialized", "params": {}})
        server.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {
            "yaml": {"validate": True, "hover": True, "completion": True,
                     "schemaStore": {"enable": False}}}}})
        server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": document.as_uri(), "languageId": "yaml", "version": 1, "text": text}}})
        yield server, document.as_uri(), text.splitlines()
    finally:
        server.process.kill()
        server.process.wait()


def test_mistakes_are_told_in_words_once_each(editor):
    server, uri, _ = editor
    diagnostics = server.wait_for_diagnostics(uri)
    assert sorted((d["range"]["start"]["line"] + 1, d["message"]) for d in diagnostics) == [
        (4, "Not a date written 2019-07-31, 31.07.2019 or 31/07/2019"),
        (6, "Not an e-mail address such as name@example.org"),
        (7, "More than 250 words"),
    ]


def test_completion_of_option_ids_shows_their_labels(editor):
    server, uri, lines = editor
    line = next(index for index, text in enumerate(lines) if "selected:" in text)
    result = server.request("textDocument/completion", {
        "textDocument": {"uri": uri},
        "position": {"line": line, "character": lines[line].index(", ]") + 2}})
    items = result["items"] if isinstance(result, dict) else result
    documentation = {item["label"]: item.get("documentation") for item in items}
    assert documentation["artificial_intelligence"]["value"] == "Artificial Intelligence (AI)"


def test_hover_on_selected_names_the_question(editor):
    server, uri, lines = editor
    line = next(index for index, text in enumerate(lines) if "selected:" in text)
    result = server.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": line, "character": 6}})
    assert result["contents"]["value"].startswith(
        "#### Ticked options of 15. Does your government have a specific national strategy")


REQUIRED = """\
# yaml-language-server: $schema=../schemas/business_survey.response.schema.json
questionnaire: business_survey
answers:
  business_name: Bakery Ltd
  main_activity: Bread
  employees: 3
  employees_part_time: 1
  turnover: 100000
  technologies: {selected: [cloud]}
  uses_ai_in_products: "yes"
  contact: {name: A. Baker}
"""


def test_a_required_answer_missing_under_a_condition_is_marked(editor):
    """The schema's if/then rule: Q13 ai_products is required when Q12 is "yes"."""
    server, uri, _ = editor
    document = uri.rpartition("/")[0] + "/required.yaml"
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": document, "languageId": "yaml", "version": 1, "text": REQUIRED}}})
    diagnostics = server.wait_for_diagnostics(document)
    assert [d["message"] for d in diagnostics] == ['Missing property "ai_products".']

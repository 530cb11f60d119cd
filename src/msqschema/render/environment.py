"""Build the Jinja environment of one output format, with the user's template overrides."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from msqschema.resources import templates_dir

if TYPE_CHECKING:
    from msqschema.questionnaire.model import Questionnaire


def make_environment(format_name: str, override: Path | None, *, sandbox: bool = False,
                     **options: Any) -> Any:
    """A Jinja environment for `templates/<format_name>/`, overridable by files in `override`.

    A template in `override` replaces the built-in one of the same name, and may extend it as
    `builtin/<name>`. Undefined variables are errors, never silent blanks. `sandbox` gives
    Jinja's sandboxed environment, for templates from people you do not trust. Fixed texts are
    translated with `_()`, `ngettext()` and `{% trans %}` (`render.messages`). The built-in
    templates' compiled code is cached in the user's cache directory (`render.bytecode`).
    """
    import jinja2

    from msqschema.render.bytecode import bytecode_cache
    from msqschema.render.condition_lines import condition_lines
    from msqschema.render.messages import install as install_messages

    folder = templates_dir(format_name)
    builtin = jinja2.FileSystemLoader(folder)
    loaders: list[jinja2.BaseLoader] = [builtin]
    if override is not None:
        loaders.insert(0, jinja2.FileSystemLoader(override))
    options = {"undefined": jinja2.StrictUndefined, "trim_blocks": True, "lstrip_blocks": True,
               "keep_trailing_newline": True, "extensions": ["jinja2.ext.i18n"], **options}
    if sandbox:
        from jinja2.sandbox import SandboxedEnvironment

        kind: type[jinja2.Environment] = SandboxedEnvironment
    else:
        kind = jinja2.Environment
    environment = kind(
        loader=jinja2.ChoiceLoader([*loaders, jinja2.PrefixLoader({"builtin": builtin})]),
        bytecode_cache=bytecode_cache(folder, sandbox, options), **options)
    install_messages(environment)
    environment.globals["condition_lines"] = condition_lines
    return environment


def endless_recursion(error: RecursionError) -> Exception:
    """The template error to raise for a RecursionError: it names the template that repeats
    in the traceback (one that includes, extends, imports or calls itself), or those that do
    so in turn, and the line of the first one."""
    from jinja2 import TemplateRuntimeError

    frames: Counter[str] = Counter()
    lines: dict[str, int] = {}
    trace: TracebackType | None = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            frames[filename] += 1
            lines.setdefault(filename, trace.tb_lineno)
        trace = trace.tb_next
    repeating = [filename for filename, count in frames.items() if count > 1]
    if not repeating:
        return TemplateRuntimeError("recursion too deep while rendering the templates")
    first = f"{repeating[0]}:{lines[repeating[0]]}"
    if len(repeating) == 1:
        return TemplateRuntimeError(
            f"{first}: this template includes, extends or calls itself without end")
    names = ", ".join(Path(filename).name for filename in repeating)
    return TemplateRuntimeError(
        f"{first}: these templates include, extend or call each other without end: {names}")


class TemplateRenderer:
    """A format drawn by one main template from the shared context; built once per process.

    Subclasses name the format, its main template and file extension, and may add filters and
    globals in `setup`.
    """

    format_name: str
    template_name: str
    extension: str
    options: dict[str, Any] = {}

    def __init__(self, override: Path | None, sandbox: bool = False) -> None:
        environment = make_environment(self.format_name, override, sandbox=sandbox,
                                       **self.options)
        self.setup(environment)
        self.template = environment.get_template(self.template_name)

    def setup(self, environment: Any) -> None:
        """Add the format's filters and globals to its environment."""

    def render(self, questionnaire: Questionnaire, answers: Mapping[str, Any]) -> str:
        """The whole document as text."""
        from msqschema.render.context import build_context

        return str(self.template.render(build_context(questionnaire, answers)))

"""Safe YAML loading that remembers where every value came from.

We compose the YAML into nodes ourselves instead of ``yaml.safe_load`` so that
each value keeps its line and column (for messages), duplicate keys and aliases
are caught (PyYAML silently accepts both; aliases allow "billion laughs"), and
every string is normalised to Unicode NFC.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .diagnostics import Diagnostic, FieldPath, field_name as _field_name

MAX_YAML_BYTES = 256 * 1024
# A record nests four levels deep (images[0].caption.vi); PyYAML's composer and our
# builder recurse per level, so a file of many '[' would crash them (even segfault).
MAX_DEPTH = 20

try:  # libyaml is several times faster on a province of files
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


@lru_cache(maxsize=16384)
def _resolve(kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    return yaml.resolver.Resolver.resolve(_RESOLVER, kind, value, implicit)


_RESOLVER = yaml.resolver.Resolver()


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader with its tag resolution remembered: libyaml calls the pure-Python
    resolver for every scalar, keys included, and records repeat the same keys and
    values (``vi``, ``published``...) thousands of times. The safe resolver has no
    path resolvers, so a tag depends on the kind of node, its text and its style only."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if isinstance(value, str) and isinstance(implicit, tuple):
            return _resolve(kind, value, implicit)
        return super().resolve(kind, value, implicit)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class Position(NamedTuple):
    """1-based line and column."""

    line: int
    column: int


# (line, column) as stored: plain tuples, because a record holds dozens, check makes them
# for every value of thousands of files and the record cache stores them all.
_LineColumn = tuple[int, int]


@dataclass
class YamlDocument:
    """Plain Python data plus the (line, column) of each value and each mapping key."""

    path: Path
    data: Any
    positions: dict[FieldPath, _LineColumn] = field(default_factory=dict)
    key_positions: dict[FieldPath, _LineColumn] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (the record cache) with both position tables packed in one string,
        unpacked when a position is first asked for: a warm check asks for few, and
        thousands of small tuples were a quarter of reading the cache."""
        state = dict(self.__dict__)
        if "positions" in state:  # each table as [paths, lines, columns]
            tables = [[list(table), *zip(*table.values())] if table else [[], [], []]
                      for table in (state.pop("positions"), state.pop("key_positions"))]
            state["_packed"] = json.dumps(tables, ensure_ascii=False, separators=(",", ":"))
        return state

    def __getattr__(self, name: str) -> Any:
        """``positions`` and ``key_positions`` of an unpickled document, on first use."""
        packed = self.__dict__.get("_packed")
        if packed is None or name not in ("positions", "key_positions"):
            raise AttributeError(name)
        del self.__dict__["_packed"]
        self.positions, self.key_positions = (dict(zip(map(tuple, paths), zip(lines, columns)))
                                              for paths, lines, columns in json.loads(packed))
        return self.__dict__[name]

    def position_of(self, path: FieldPath) -> Position:
        """Where the value at ``path`` is; for an absent value, its nearest parent."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found:
                return Position(*found)
        return Position(1, 1)

    def key_position_of(self, path: FieldPath) -> Position:
        found = self.key_positions.get(path)
        return Position(*found) if found else self.position_of(path)


class YamlSourceError(Exception):
    """The file cannot become data; ``diagnostic`` says where and why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def _fail(path: Path, line: int, column: int, code: str, **params: Any) -> YamlSourceError:
    return YamlSourceError(Diagnostic(path, line, column, "", code, params))


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(path, line, column, "file.not_utf8") from None
    # Accept what phones and Windows editors produce: a BOM and CRLF line ends.
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# Characters that show as nothing or as a plain space but are not one: pasted from
# web pages and word processors, they break YAML's structure (``lat:`` followed by a
# no-break space is not a key) and its error then points a line off.
INVISIBLE = re.compile("[\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]")
# In a decoded value (YAML escapes such as "\u202e" or "\x1b" included): controls and
# bidirectional overrides, which reorder or hide text on pages, in CSV and in KML.
# Also what shows as nothing at all and hides or fakes text: soft hyphen, Hangul fillers
# (used for "blank" names), line/paragraph separators, musical formatting, tag characters.
BAD_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028\u2029"
                          "\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a"
                          "\U000e0000-\U000e007f]")
# Combining marks stacked on one letter: Vietnamese needs at most two (ệ written as e +
# dot below + circumflex); a pile of them ("Zalgo" text) spills over the lines around it.
STACKED_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{3,}")


def char_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how messages name an invisible character."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


# Characters YAML does not allow (it takes tab, line ends and printable text only);
# word processors paste some of them, e.g. U+000B for a manual line break.
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _reject_bad_characters(path: Path, text: str) -> None:
    index = text.find("\t")
    if index >= 0:
        raise _fail(path, *_line_column(text, index), "yaml.tab")
    found = _NON_PRINTABLE.search(text)
    if found:
        raise _fail(path, *_line_column(text, found.start()), "yaml.control_char", char=f"{ord(found.group()):04X}")


def _invisible_before(path: Path, text: str, line: int) -> YamlSourceError | None:
    """An invisible character on ``line`` or the line before: the likely cause of a
    syntax error reported there (YAML notices the damage only on the next line)."""
    if line <= 0:
        return None
    found = INVISIBLE.search(text, _line_end(text, line - 2), _line_end(text, line))
    if found is None:
        return None
    return _fail(path, *_line_column(text, found.start()), "yaml.invisible_char", char=char_name(found.group()))


def _line_end(text: str, line: int) -> int:
    """Index just past ``line`` (1-based), or the text's end."""
    index = -1
    for _ in range(line):
        index = text.find("\n", index + 1)
        if index < 0:
            return len(text)
    return index + 1


def read_yaml_bytes(path: Path, max_bytes: int = MAX_YAML_BYTES) -> bytes:
    """The file's bytes; YamlSourceError if it is larger than ``max_bytes`` or unreadable.

    One ``open``, ``fstat`` and ``read`` with the OS calls themselves: ``Path.stat`` and
    ``read_bytes`` (a second lookup of the path, a buffered file object) cost three
    times as much, for every record of every check."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(handle).st_size
            if size > max_bytes:
                raise _fail(path, 0, 0, "file.too_large", size=size, limit=max_bytes)
            chunks = []
            while chunk := os.read(handle, size + 1):  # until the end, should the file have grown
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(handle)
    except OSError as exc:
        raise _fail(path, 0, 0, "file.unreadable", reason=exc.strerror or str(exc)) from None


def yaml_text(path: Path, raw: bytes) -> str:
    """The text of ``raw`` (read from ``path``), after encoding and tab checks."""
    text = _decode(path, raw)
    _reject_bad_characters(path, text)
    return text


class _Builder:
    """Turns composed nodes into plain data, recording positions as it goes.

    ``tags_as_plain`` reads any tag as if it were absent (a tagged scalar as its
    text) instead of refusing it: mkdocs.yml needs MkDocs' ``!!python/name:`` and
    ``!ENV``, which we must read without ever running them.
    """

    def __init__(self, path: Path, loader: Any, tags_as_plain: bool = False):
        self.document = YamlDocument(path, None)
        self.loader = loader
        self.visited: set[int] = set()
        self.tags_as_plain = tags_as_plain

    def fail(self, node: yaml.Node, code: str, **params: Any) -> YamlSourceError:
        mark = node.start_mark
        return _fail(self.document.path, mark.line + 1, mark.column + 1, code, **params)

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        if id(node) in self.visited:  # the composer hands out the same node for an alias
            where = self.document.key_position_of(path)
            raise _fail(self.document.path, where.line, where.column, "yaml.alias")
        self.visited.add(id(node))
        self.document.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(path) >= MAX_DEPTH and isinstance(node, yaml.CollectionNode):
            raise self.fail(node, "yaml.too_deep", limit=MAX_DEPTH)
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG and not self.tags_as_plain:
                raise self.fail(node, "yaml.tag", tag=node.tag)
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        value = self.build_scalar(node)
        if isinstance(value, str) and (bad := BAD_IN_VALUE.search(value) or STACKED_MARKS.search(value)):
            mark = node.start_mark
            code, params = (("text.control_char", {"char": char_name(bad.group())}) if bad.re is BAD_IN_VALUE
                            else ("text.stacked_marks", {"count": len(bad.group())}))
            raise YamlSourceError(Diagnostic(self.document.path, mark.line + 1, mark.column + 1, _field_name(path),
                                             code, params))
        return value

    def build_mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        if node.tag != _MAP_TAG and not self.tags_as_plain:
            raise self.fail(node, "yaml.tag", tag=node.tag)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "yaml.complex_key")
            # Interned: thousands of records share their few dozen keys (in memory and in the record cache).
            key = sys.intern(unicodedata.normalize("NFC", key_node.value))
            if bad := (INVISIBLE.search(key) or BAD_IN_VALUE.search(key)):
                mark = key_node.start_mark
                raise _fail(self.document.path, mark.line + 1, mark.column + 1 + bad.start(), "yaml.invisible_char",
                            char=char_name(bad.group()))
            child = path + (key,)
            if key in result:
                first_line = self.document.key_positions[child][0]
                raise self.fail(key_node, "yaml.duplicate_key", key=key, first_line=first_line)
            mark = key_node.start_mark
            self.document.key_positions[child] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def reject_invisible_edges(self, node: yaml.ScalarNode) -> None:
        """An unquoted value starting or ending with an invisible character (a no-break
        space after ``lat:``) silently becomes text: name the character where it is."""
        value = node.value
        for index in (0, len(value) - 1) if value and not node.style else ():  # plain: None or ""
            if INVISIBLE.match(value[index]):
                mark = node.start_mark
                column = mark.column + 1 + (index if "\n" not in value[:index] else 0)
                raise _fail(self.document.path, mark.line + 1, column, "yaml.invisible_char", char=char_name(value[index]))

    def build_scalar(self, node: yaml.ScalarNode) -> Any:
        self.reject_invisible_edges(node)
        if node.tag == _STR_TAG:  # most values: nothing to construct
            return unicodedata.normalize("NFC", node.value)
        if node.tag not in _PLAIN_TAGS:
            if self.tags_as_plain:
                return unicodedata.normalize("NFC", node.value)
            raise self.fail(node, "yaml.tag", tag=node.tag)
        try:
            value = self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value  # e.g. 2025-13-01: let the schema say "expected a date"
            raise self.fail(node, "yaml.syntax", problem=str(exc).splitlines()[0]) from None
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


# Every level of nesting needs at least one of these indicators, so a text with few
# of them cannot nest deeply enough to overflow the composer (it crashes somewhere
# past 20,000 levels); the builder then stops at MAX_DEPTH. Only texts with more
# get the slower event pass below first.
_NESTING_INDICATORS = "[{-:?"
_COMPOSER_SAFE_DEPTH = 2000


def _reject_deep_nesting(path: Path, text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the (recursive) composer sees it.

    Parsing events is iterative (libyaml keeps its own stack), so this is safe.
    """
    if sum(map(text.count, _NESTING_INDICATORS)) <= _COMPOSER_SAFE_DEPTH:
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _COLLECTION_START):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _fail(path, mark.line + 1, mark.column + 1, "yaml.too_deep", limit=MAX_DEPTH)
        elif isinstance(event, _COLLECTION_END):
            depth -= 1


_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


# The parser's (libyaml's) most common complaints, said in the volunteer's language;
# anything else is shown as the parser words it.
_SYNTAX_PROBLEMS = {
    "mapping values are not allowed in this context": "yaml.problem.colon",
    "mapping values are not allowed here": "yaml.problem.colon",
    "could not find expected ':'": "yaml.problem.no_colon",
    "did not find expected key": "yaml.problem.indent",
    "did not find expected '-' indicator": "yaml.problem.indent",
    "found character that cannot start any token": "yaml.problem.bad_start",
    "did not find expected ',' or ']'": "yaml.problem.open_list",
    "did not find expected ',' or '}'": "yaml.problem.open_mapping",
}


def _syntax_problem(exc: yaml.MarkedYAMLError) -> str | tuple[str, dict[str, object]]:
    """The ``problem`` parameter of ``yaml.syntax``: a catalogue message where we know one."""
    if (exc.context or "").startswith("while scanning a quoted"):
        return "yaml.problem.open_quote", {}
    code = _SYNTAX_PROBLEMS.get(exc.problem or "")
    return (code, {}) if code else exc.problem or exc.context or "?"


def parse_yaml(path: Path, text: str, *, tags_as_plain: bool = False) -> YamlDocument:
    """Parse text already read from ``path``; raise YamlSourceError on any problem.

    ``tags_as_plain`` reads tagged values as untagged ones instead of refusing them
    (for mkdocs.yml); every other limit (aliases, depth, duplicate keys) still holds.
    """
    loader = _Loader(text)
    try:
        _reject_deep_nesting(path, text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (exc.context or "").startswith("while scanning a quoted"):
            mark = exc.context_mark  # an unclosed quote: point where it opens, not at the end of the file
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        invisible = _invisible_before(path, text, line)
        if invisible is not None:
            raise invisible from None
        raise _fail(path, line, column, "yaml.syntax", problem=_syntax_problem(exc)) from None
    except yaml.YAMLError as exc:
        raise _fail(path, 0, 0, "yaml.syntax", problem=str(exc)) from None
    finally:
        loader.dispose()
    if node is None:
        raise _fail(path, 1, 1, "file.empty", hint="")  # the loader of a record kind names its template
    builder = _Builder(path, loader, tags_as_plain)
    builder.document.data = builder.build(node, ())
    if not isinstance(builder.document.data, dict):
        raise _fail(path, 1, 1, "yaml.not_mapping", hint="")
    return builder.document


def load_yaml_file(path: Path, max_bytes: int = MAX_YAML_BYTES, *, tags_as_plain: bool = False) -> YamlDocument:
    """Read and parse ``path`` (at most ``max_bytes``); raise YamlSourceError on any problem.

    Every YAML file the project reads comes through here: records, the plaque
    registry and mkdocs.yml (``tags_as_plain``).
    """
    return parse_yaml(path, yaml_text(path, read_yaml_bytes(path, max_bytes)), tags_as_plain=tags_as_plain)

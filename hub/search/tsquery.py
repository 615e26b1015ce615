"""Postgres's text form of a tsquery, as a tree the engine can turn into SQL.

A source's row vectors may be positional only in part (long documents keep positions for their
first chunks), so phrases are matched in two steps: all their words on the row, the phrase
itself on one chunk. Everything else (and, or, not) is evaluated on the row. This module parses
what ``websearch_to_tsquery`` prints into that tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*'(?::[*A-D]+)?)|(<->|<\d+>)|([&|!()]))")
_DISTANCE = re.compile(r"('(?:[^']|'')*')|<(?:-|\d+)>")
_LEXEME = re.compile(r"'((?:[^']|'')*)'")


@dataclass(frozen=True)
class Node:
    """One operator or operand: `op` is "lex", "&", "|", "!" or "<>" (a phrase)."""

    op: str
    text: str  # the node as tsquery text
    children: tuple[Node, ...] = ()

    @property
    def has_phrase(self) -> bool:
        return self.op == "<>" or any(child.has_phrase for child in self.children)


def parse(text: str) -> Node | None:
    """The tree of a tsquery's text; None when it has no operands.

    Should the text ever not parse, the whole query is treated as one phrase: matched on the
    row by its words, and on one chunk exactly.
    """
    try:
        return _parse_strict(text)
    except (ValueError, IndexError):
        return Node("<>", text)


def _parse_strict(text: str) -> Node | None:
    tokens: list[str] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            if text[position:].strip():
                raise ValueError(text)
            break
        tokens.append(match.group(match.lastindex or 0))
        position = match.end()
    if not tokens:
        return None
    index = 0
    # Postgres's priorities: ! binds tightest, then phrase, then &, then |.
    binary = {"|": 1, "&": 2}

    def primary() -> Node:
        nonlocal index
        item = tokens[index]
        index += 1
        if item == "!":
            child = primary()
            return Node("!", f"!{_wrap(child)}", (child,))
        if item == "(":
            node = expression(0)
            index += 1  # ")"
            return node
        return Node("lex", item)

    def phrase() -> Node:
        nonlocal index
        node = primary()
        while index < len(tokens) and tokens[index].startswith("<"):
            operator = tokens[index]
            index += 1
            right = primary()
            node = Node("<>", f"{_wrap(node)} {operator} {_wrap(right)}", (node, right))
        return node

    def expression(minimum: int) -> Node:
        nonlocal index
        node = phrase()
        while index < len(tokens) and binary.get(tokens[index], 0) > minimum:
            operator = tokens[index]
            index += 1
            right = expression(binary[operator])
            node = Node(operator, f"{_wrap(node)} {operator} {_wrap(right)}", (node, right))
        return node

    tree = expression(0)
    if index != len(tokens):
        raise ValueError(text)
    return tree


def _wrap(node: Node) -> str:
    return node.text if node.op in ("lex", "!") else f"( {node.text} )"


def relaxed(text: str) -> str:
    """A phrase's words without their order: each distance operator becomes AND."""
    return _DISTANCE.sub(lambda m: m.group(1) or "&", text)


def positive_words(node: Node) -> list[str]:
    """The operands a match can contain (not those under a negation)."""
    if node.op == "lex":
        return [node.text]
    if node.op == "!":
        return []
    return [word for child in node.children for word in positive_words(child)]


def lexemes(words: list[str]) -> list[str]:
    """The lexemes of tsquery operands such as `'word'` or `'it''s':*`."""
    return [m.group(1).replace("''", "'") for w in words if (m := _LEXEME.match(w))]

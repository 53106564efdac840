"""A configuration key (type, default, doc) and the section class whose attributes they are.

A section of the key table is a class whose attributes are Keys:

    class Mail(Section, name="mail"):
        port = Key(Port(), 587, "SMTP port ...")

That one line is the key's only definition. The class statement gives the key its dotted path
(`mail.port`, from the section's name and the attribute's), the table (`spec.SPEC`) is read off
the section classes in the order they are written, and an instance of the class is a typed view
of the parsed values: `Mail(values).port` is an `int` to mypy (Key is a descriptor generic in
its type's result), and `Mail(values).prot` is an error mypy reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar, overload

from mastergroup.config.types import KeyType
from mastergroup.i18n.messages import Phrase

T = TypeVar("T")


class Key(Generic[T]):
    """One configuration key: its type (which parses and describes), default and doc."""

    __slots__ = ("default", "doc", "path", "type")

    def __init__(self, kind: KeyType[T], default: T, doc: str) -> None:
        self.type = kind
        self.default = default
        self.doc = doc
        self.path = ""  # "section.name", given by the Section the key is defined in

    @property
    def expected(self) -> Phrase:
        """What a bad value is told it should be (in the user's language)."""
        return self.type.expected

    def parse(self, value: Any) -> T:
        return self.type.parse(value)

    @overload
    def __get__(self, section: None, owner: type[Section]) -> Key[T]: ...
    @overload
    def __get__(self, section: Section, owner: type[Section]) -> T: ...
    def __get__(self, section: Section | None, owner: type[Section]) -> Key[T] | T:
        if section is None:  # on the class: the key itself (Mail.port.path == "mail.port")
            return self
        value: T = section.values[self.path]
        return value

    def __repr__(self) -> str:
        return f"Key({self.path!r})"


class Section:
    """A section of the configuration: subclasses list their keys as Key attributes; an
    instance reads them, typed, from the parsed values (dotted key -> value)."""

    __slots__ = ("values",)
    # Not `name`: that is a key (coordinator.name).
    section: ClassVar[str] = ""
    keys: ClassVar[tuple[Key[Any], ...]] = ()

    def __init_subclass__(cls, /, name: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.section = name
        # vars() keeps the order of the class body: the order of the reference.
        keys = [(a, k) for a, k in vars(cls).items() if isinstance(k, Key)]
        for attribute, key in keys:
            key.path = f"{name}.{attribute}"
        cls.keys = tuple(key for _, key in keys)

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values

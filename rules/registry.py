"""Rule types by name. A new type is one module in rules/types with @register, and its alert
texts one function in rules/messages with @composer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rules.base import Rule, RuleOptions

RuleClass = TypeVar("RuleClass", bound=type[Rule])

RULE_TYPES: dict[str, type[Rule]] = {}


def register(name: str) -> Callable[[RuleClass], RuleClass]:
    def add(cls: RuleClass) -> RuleClass:
        if name in RULE_TYPES:
            raise ValueError(f"rule type {name!r} registered twice")
        cls.type_name = name
        RULE_TYPES[name] = cls
        return cls

    return add


def build_rule(options: RuleOptions) -> Rule:
    return RULE_TYPES[options.type](options)

"""Alert texts in the language of the chat. Importing this package registers every alert type's
texts; `compose` and `localise` find them by the alert's type."""

from rules.messages import groups, news, prices
from rules.messages.catalogue import (
    ALSO_REPORTED_FIELD,
    COMPOSERS,
    Message,
    compose,
    label,
    localise,
    rule_name,
)

__all__ = [
    "ALSO_REPORTED_FIELD",
    "COMPOSERS",
    "Message",
    "compose",
    "groups",
    "label",
    "localise",
    "news",
    "prices",
    "rule_name",
]

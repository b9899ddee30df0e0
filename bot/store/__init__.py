"""All state in Redis, behind named operations. Key names come from bot.keys only.

`Store` is one object for its callers; each concern lives in its own module of this package.
"""

from __future__ import annotations

from bot.store.analysts import AnalystStore
from bot.store.base import connect
from bot.store.channels import ChannelStore
from bot.store.chat_moves import ChatMoveStore
from bot.store.feeds import FeedStore
from bot.store.health import SourceHealthStore
from bot.store.items import Headline, ItemStore
from bot.store.keywords import KeywordStore
from bot.store.leases import LeaseStore, ProcessInfo
from bot.store.mutes import MuteStore
from bot.store.outbox import OutboxEntry, OutboxStore
from bot.store.personal import PersonalRuleStore
from bot.store.polls import PollStore
from bot.store.quotes import QuoteStore
from bot.store.rule_state import RuleStateStore
from bot.store.stories import StoryStore
from bot.store.subscriptions import SubscriptionStore
from bot.store.telegram import TelegramStore
from bot.store.websub import WebSubStore

__all__ = ["Headline", "OutboxEntry", "ProcessInfo", "Store", "connect"]


class Store(
    ChannelStore,
    ChatMoveStore,
    ItemStore,
    QuoteStore,
    RuleStateStore,
    SubscriptionStore,
    OutboxStore,
    AnalystStore,
    StoryStore,
    SourceHealthStore,
    TelegramStore,
    PersonalRuleStore,
    MuteStore,
    FeedStore,
    KeywordStore,
    WebSubStore,
    LeaseStore,
    PollStore,
):
    """Every stored operation of Tickerwatch over one Redis connection."""

"""Subscriptions to the hubs of the polled feeds, and the callback the hubs call.

Every `check_every` the subscriber looks at each polled feed: one never looked at (or whose URL
changed) is fetched once to see whether it advertises a hub; one with a hub is subscribed to
with a callback URL of its own (a random token) and a secret of its own; a lease is renewed
once it is within a tenth of its length (at least two checks) of its end. The hub confirms a
subscription by calling the callback with a challenge, and then posts the feed document
whenever it changes, signed with the secret; a signed document goes through the same reading
as a poll. Polling goes on regardless: it is the fallback when a hub fails or a lease lapses.
A feed that is removed, or whose URL changes, is unsubscribed from at its hub: the old callback
answers the hub's unsubscribe challenge once and then turns every delivery away with 410 Gone.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from concurrent.futures import Executor
from datetime import datetime
from urllib.parse import urlsplit

from aiohttp import web
from redis.exceptions import RedisError

from bot import keys
from bot.config import FeedSource, StoredFeed, WebSubConfig
from bot.jobs import Poller
from bot.ops.server import ListenError
from bot.scheduler import all_feeds
from bot.services import Services
from bot.sources.http import HttpClient, SourceError
from bot.websub.discovery import HubLinks, hub_links
from bot.websub.signature import SIGNATURE_HEADER, signed_by

log = logging.getLogger(__name__)

MAX_PUSH_BYTES = 4 * 1024 * 1024  # a feed document; the poll's own cap is of the same order
SHUTDOWN_TIMEOUT_S = 0.5
LEASE_SECONDS_MIN = 60  # a hub's lease below this is taken as this: renewals stay bounded
CONCURRENT_CHECKS = 8
TOKEN_BYTES = 24
SECRET_BYTES = 32
ACTIVE, PENDING, LEAVING = "active", "pending", "leaving"


def leaving(record: dict[str, str]) -> bool:
    return record.get("state") == LEAVING


class WebSub:
    def __init__(
        self,
        config: WebSubConfig,
        services: Services,
        poller: Poller,
        http: HttpClient,
        user_http: HttpClient,
        parse_pool: Executor,
    ) -> None:
        self.config = config
        self.services = services
        self.poller = poller
        self.http = http
        self.user_http = user_http  # feeds from chats: their hubs are reached as their feeds are
        self.parse_pool = parse_pool
        self.path = urlsplit(config.callback_url).path.rstrip("/")
        self.feeds: dict[str, FeedSource] = {}
        self.loaded = False  # whether `feeds` was read: until then no subscription is unknown
        self.received = 0  # signed documents read
        self.rejected = 0  # deliveries refused: no valid signature
        self._checks = asyncio.Semaphore(CONCURRENT_CHECKS)
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    # -- the callback server -------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_PUSH_BYTES)
        app.router.add_get(f"{self.path}/{{token}}", self._verify)
        app.router.add_post(f"{self.path}/{{token}}", self._deliver)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT_S)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.config.listen, self.config.port).start()
        except OSError as exc:
            await runner.cleanup()
            where = f"{self.config.listen}:{self.config.port}"
            reason = os.strerror(exc.errno).lower() if exc.errno else str(exc)
            message = (
                f"cannot listen on {where} for sources.websub ({reason}); free the port or "
                "change sources.websub.port"
            )
            raise ListenError(exc.errno, message) from exc
        self._runner = runner
        self.port = runner.addresses[0][1]
        log.info("websub: callback listening on %s:%s%s/", self.config.listen, self.port, self.path)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    def callback(self, token: str) -> str:
        return f"{self.config.callback_url.rstrip('/')}/{token}"

    async def _verify(self, request: web.Request) -> web.Response:
        """The hub asks whether we want the subscription: echo its challenge if we do."""
        token, query = request.match_info["token"], request.query
        try:
            record = await self.services.store.websub_subscription(token)
        except RedisError:
            return web.Response(status=503)
        mode, topic = query.get("hub.mode", ""), query.get("hub.topic", "")
        if not record or topic != record.get("topic"):
            return web.Response(status=404)
        if mode == "denied":
            log.warning("websub: %s refused %s (%s)", record["hub"], topic, query.get("hub.reason"))
            await self.services.store.drop_websub(record["feed"])
            await self.services.store.remember_no_hub(record["feed"], record["url"])
            return web.Response(status=200)
        challenge = query.get("hub.challenge", "")
        if not challenge:
            return web.Response(status=404)
        if mode == "unsubscribe" and leaving(record):
            await self.services.store.forget_websub(token)
            log.info("websub: %s unsubscribed at %s", record["feed"], record["hub"])
            return web.Response(status=200, text=challenge, content_type="text/plain")
        if mode != "subscribe" or leaving(record):
            return web.Response(status=404)  # only what we asked for is confirmed
        lease_s = self._granted_lease(query.get("hub.lease_seconds", ""))
        expires = self.services.clock().timestamp() + lease_s
        changes = {
            "state": ACTIVE,
            "expires": str(expires),
            "lease": str(lease_s),
            "verified": str(self.services.clock().timestamp()),
        }
        await self.services.store.update_websub(token, changes, lease_s + keys.WEBSUB_PENDING_TTL)
        log.info("websub: %s subscribed at %s for %ds", record["feed"], record["hub"], lease_s)
        return web.Response(status=200, text=challenge, content_type="text/plain")

    def _granted_lease(self, given: str) -> int:
        asked = int(self.config.lease.total_seconds())
        lease_s = int(given) if given.isdigit() else asked
        return max(LEASE_SECONDS_MIN, min(lease_s, asked * 10))

    async def _deliver(self, request: web.Request) -> web.Response:
        """The hub posts the feed's new document. Without a valid signature it is ignored but
        acknowledged (as WebSub asks: a forger learns nothing); an unknown subscription gets
        410 Gone, which makes a hub drop it."""
        token = request.match_info["token"]
        store = self.services.store
        try:
            record = await store.websub_subscription(token)
        except RedisError:
            return web.Response(status=503)
        if record and not self.loaded:
            return web.Response(status=503)  # just started: the hub tries again shortly
        feed = self.feeds.get(record.get("feed", "")) if record else None
        if not record or feed is None or str(feed.url) != record.get("url") or leaving(record):
            return web.Response(status=410)
        body = await request.read()
        if not signed_by(body, request.headers.get(SIGNATURE_HEADER, ""), record["secret"]):
            self.rejected += 1
            log.warning("websub: ignored a delivery for %s without a valid signature", feed.key)
            return web.Response(status=202)
        try:
            await self.poller.take_pushed(feed, body, request.headers.get("Content-Type"))
        except SourceError as exc:
            log.warning("websub: %s pushed something unreadable: %s", feed.key, exc)
        except RedisError:
            return web.Response(status=503)  # the hub tries again later
        self.received += 1
        return web.Response(status=202)

    # -- subscriptions ---------------------------------------------------------------------------

    async def maintain(self) -> None:
        """One check of every polled feed: discover, subscribe, renew; forget removed feeds."""
        if not self.services.redis.up:
            return
        store = self.services.store
        try:
            feeds = all_feeds(self.services.config, await store.all_stored_feeds())
            self.feeds = {feed.key: feed for feed in feeds}
            self.loaded = True
            subscribed = await store.websub_feeds()
            for gone in subscribed.keys() - self.feeds.keys():
                await self._leave(gone, subscribed[gone])
            await asyncio.gather(*(self._check(feed) for feed in feeds))
        except RedisError as exc:
            log.info("websub: check abandoned, Redis is not answering (%s)", exc)

    async def _check(self, feed: FeedSource) -> None:
        async with self._checks:
            try:
                await self._keep(feed)
            except SourceError as exc:
                log.info("websub: %s: %s", feed.key, exc)

    async def _keep(self, feed: FeedSource) -> None:
        store, now = self.services.store, self.services.clock()
        url = str(feed.url)
        token = await store.websub_token(feed.key)
        record = await store.websub_subscription(token) if token else {}
        if token is not None and record and record.get("url") == url:
            if not self._renewal_due(record, now):
                return
            links = HubLinks(hub=record["hub"], topic=record["topic"])
            await self._subscribe(feed, links, now, token, record["secret"])
            return
        if token is not None:
            await self._leave(feed.key, token)  # the feed moved: its old topic is not ours
        if await store.no_hub(feed.key) == url:
            return
        response = await self._client(feed).get(url)
        loop = asyncio.get_running_loop()
        found = await loop.run_in_executor(self.parse_pool, hub_links, response.body)
        if found is None:
            await store.remember_no_hub(feed.key, url)
            return
        await self._subscribe(feed, found, now, secrets.token_urlsafe(TOKEN_BYTES), None)

    def _renewal_due(self, record: dict[str, str], now: datetime) -> bool:
        if record.get("state") != ACTIVE:
            return False  # the hub has yet to call; the record lapses and is asked again
        at = now.timestamp()
        lease_s = float(record.get("lease") or self.config.lease.total_seconds())
        margin = max(lease_s / 10, 2 * self.config.check_every.total_seconds())
        if at < float(record.get("expires") or 0) - margin:
            return False
        # A renewal asked and not yet confirmed is asked again once the hub had time for it.
        asked = float(record.get("requested") or 0)
        awaiting = asked > float(record.get("verified") or 0) and at - asked < margin / 2
        return not awaiting

    async def _subscribe(
        self, feed: FeedSource, links: HubLinks, now: datetime, token: str, secret: str | None
    ) -> None:
        store = self.services.store
        lease_s = int(self.config.lease.total_seconds())
        stamp = str(now.timestamp())
        if secret is None:
            secret = secrets.token_hex(SECRET_BYTES)
            record = {
                "feed": feed.key,
                "url": str(feed.url),
                "hub": links.hub,
                "topic": links.topic,
                "secret": secret,
                "state": PENDING,
                "requested": stamp,
                "client": "user" if isinstance(feed, StoredFeed) else "config",
            }
            await store.save_websub(token, record, keys.WEBSUB_PENDING_TTL)
        else:
            current = await store.websub_subscription(token)
            ttl = (
                int(float(current.get("expires") or 0) - now.timestamp()) + keys.WEBSUB_PENDING_TTL
            )
            await store.update_websub(token, {"requested": stamp}, ttl)
        form = {
            "hub.mode": "subscribe",
            "hub.topic": links.topic,
            "hub.callback": self.callback(token),
            "hub.secret": secret,
            "hub.lease_seconds": str(lease_s),
        }
        status = await self._client(feed).post_form(links.hub, form)
        if status not in (202, 204):
            log.warning(
                "websub: %s answered %d to the subscription of %s", links.hub, status, feed.key
            )

    async def _leave(self, feed_key: str, token: str) -> None:
        """Ask the hub to end a subscription we no longer want. Whatever the hub answers, the
        callback turns deliveries away from now on, and the lease lapses at the latest."""
        store = self.services.store
        record = await store.websub_subscription(token)
        await store.unlink_websub(feed_key)
        if record:  # kept a while, for the hub's unsubscribe challenge
            await store.update_websub(token, {"state": LEAVING}, keys.WEBSUB_PENDING_TTL)
        if record.get("state") != ACTIVE:
            return  # never confirmed: the hub holds nothing to end
        form = {
            "hub.mode": "unsubscribe",
            "hub.topic": record["topic"],
            "hub.callback": self.callback(token),
        }
        client = self.http if record.get("client") == "config" else self.user_http
        try:
            status = await client.post_form(record["hub"], form)
        except SourceError as exc:
            log.info("websub: could not unsubscribe %s: %s", feed_key, exc)
            return
        if status not in (202, 204):
            log.warning(
                "websub: %s answered %d to unsubscribing %s", record["hub"], status, feed_key
            )

    def _client(self, feed: FeedSource) -> HttpClient:
        return self.user_http if isinstance(feed, StoredFeed) else self.http

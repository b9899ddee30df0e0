"""The Redis connection and the write shapes several parts of the store share."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import redis.asyncio as aioredis
from redis.asyncio.cluster import RedisCluster

SOCKET_TIMEOUT_S = 10.0
# Room for every concurrent user of Redis: the polls the Poller lets run at once, the outbox
# worker's blocking read, deliveries, commands and timers. A command that finds the pool in use
# waits for a connection instead of failing; only a pool held for POOL_TIMEOUT_S is an error.
MAX_CONNECTIONS = 64
POOL_TIMEOUT_S = 30.0
CLUSTER_SUFFIX = "+cluster"  # redis+cluster://host:port names one node of a Redis Cluster


def is_cluster_url(url: str) -> bool:
    return urlsplit(url).scheme.endswith(CLUSTER_SUFFIX)


def connect(url: str) -> aioredis.Redis | RedisCluster:
    """A client for one Redis, or for a Redis Cluster when the scheme ends in "+cluster"; the
    client finds the cluster's other nodes from the one the URL names."""
    if is_cluster_url(url):
        return _connect_cluster(url)
    pool = aioredis.BlockingConnectionPool.from_url(
        url,
        max_connections=MAX_CONNECTIONS,
        timeout=POOL_TIMEOUT_S,
        decode_responses=True,
        socket_timeout=SOCKET_TIMEOUT_S,
        socket_connect_timeout=SOCKET_TIMEOUT_S,
        health_check_interval=30,
    )
    # from_pool: the client owns the pool, so closing the store closes its connections.
    return aioredis.Redis.from_pool(pool)


def _connect_cluster(url: str) -> RedisCluster:
    scheme, rest = url.split("://", 1)
    # The cluster client keeps a pool per node and refuses a command once a node's pool is in
    # use (it cannot wait for a connection), so each node gets the room the single pool has.
    return RedisCluster.from_url(
        f"{scheme.removesuffix(CLUSTER_SUFFIX)}://{rest}",
        max_connections=MAX_CONNECTIONS,
        decode_responses=True,
        socket_timeout=SOCKET_TIMEOUT_S,
        socket_connect_timeout=SOCKET_TIMEOUT_S,
        health_check_interval=30,
    )


class RedisStore:
    """Holds the connection; each part of the store adds the operations of one concern."""

    def __init__(self, redis: aioredis.Redis | RedisCluster) -> None:
        # Typed loosely: redis-py's stubs cannot express that decode_responses=True returns str.
        self.redis: Any = redis
        # A single Redis runs a script over keys of many slots, which a cluster refuses: the
        # writes of many feeds at once go out as one command there, as one per feed here.
        self.one_node = not isinstance(redis, RedisCluster)

    async def close(self) -> None:
        await self.redis.aclose()

    async def _hset_expiring(self, key: str, field: str, value: Any, ttl: int) -> None:
        """Set one hash field and renew the hash's TTL, as one transaction."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, field, value)
            pipe.expire(key, ttl)
            await pipe.execute()

    async def _add_newest(
        self, key: str, member: str, score: float, *, keep: int, ttl: int
    ) -> None:
        """Add to a sorted set that keeps only its `keep` highest scores, and renew its TTL."""
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {member: score})
            pipe.zremrangebyrank(key, 0, -keep - 1)
            pipe.expire(key, ttl)
            await pipe.execute()

"""WebSub (W3C): feeds that advertise a hub are subscribed to, and the hub posts their new
entries to the bot as they appear; polling goes on underneath as the fallback."""

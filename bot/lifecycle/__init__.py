"""What happens to an alert between the outbox and a chat: mutes, quiet hours, digests, grouping."""

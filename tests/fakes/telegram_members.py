"""Who belongs to which chat, as getChatAdministrators and getChatMember report it.

Tests name a group's administrators with `FakeTelegramAPI.set_chat_admins`; everyone else is an
ordinary member. The first administrator named is the group's creator.
"""

from __future__ import annotations

from .telegram_objects import JSONDict, human_user
from .telegram_wire import ApiError

ADMIN_RIGHTS = (
    "can_be_edited",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


def chat_member(user_id: int, status: str) -> JSONDict:
    """A ChatMember object with the fields PTB needs for its status."""
    member: JSONDict = {"status": status, "user": human_user(user_id, None)}
    if status in ("creator", "administrator"):
        member["is_anonymous"] = False
    if status == "administrator":
        member.update(dict.fromkeys(ADMIN_RIGHTS, False))
        member["can_manage_chat"] = True
    return member


class ChatMembers:
    def __init__(self) -> None:
        self.admins: dict[int, list[int]] = {}

    def set_admins(self, chat_id: int, user_ids: list[int]) -> None:
        self.admins[chat_id] = list(user_ids)

    def _group_admins(self, chat_id: int) -> list[int]:
        if chat_id > 0:
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        return self.admins.get(chat_id, [])

    def administrators(self, chat_id: int) -> list[JSONDict]:
        admins = self._group_admins(chat_id)
        return [
            chat_member(user_id, "creator" if index == 0 else "administrator")
            for index, user_id in enumerate(admins)
        ]

    def member(self, chat_id: int, user_id: int) -> JSONDict:
        if chat_id > 0:
            return chat_member(user_id, "member")
        admins = self._group_admins(chat_id)
        if user_id not in admins:
            return chat_member(user_id, "member")
        return chat_member(user_id, "creator" if admins.index(user_id) == 0 else "administrator")

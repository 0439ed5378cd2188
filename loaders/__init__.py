"""Loaders: notice files -> text -> structure -> facts -> NoticeRecord."""

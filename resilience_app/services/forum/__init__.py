"""The peer forum (同行支持圈), its services one module each:

- groups: public and private groups, joining, invite codes
- posts: previewing, publishing, editing and deleting posts and replies; reactions; a thread
- feed: a group's or all one's groups' posts, page by page, and one's own
- views: what a viewer receives for a post or reply (the one place rows become page data)
- permissions: the Guardian, who may do what (asked by the services and the views alike)
- limits: how much one may write, and the moderators' mutes
- moderation: reports, the review queue, moderators' actions and their log, warnings and mutes
- export: the forum's sections of the user's export and import

Limits on text and the closed sets of choices are in contracts/forum.py.
"""

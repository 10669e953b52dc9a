"""Route constants: no page hard-codes another page's path."""

TODAY = "/"
JOURNAL = "/journal"
PLAN = "/plan"
FORUM = "/forum"
ME = "/me"
LOGIN = "/login"
REGISTER = "/register"
ABOUT = "/about"
FIRST_AID = "/first-aid"
BOX = "/box"
REVIEW = "/review"
INSIGHTS = "/insights"
FORUM_GROUPS = "/forum/groups"
FORUM_NEW = "/forum/new"
FORUM_POST = "/forum/post"
FORUM_MODERATION = "/forum/moderation"
PRIVACY = "/privacy"  # the privacy notice (issue 13), readable signed out
CONSENT = "/consent"  # asked at first sign-in or when the notice changes
ME_IMPORT = "/me/import"
ME_DELETE = "/me/delete"

# Server routes (plain HTTP, handled before Reflex; see resilience_app/web/).
AUTH_LOGIN = "/auth/login"
AUTH_REGISTER = "/auth/register"
AUTH_LOGOUT = "/auth/logout"
AUTH_PASSWORD = "/auth/password"
API_EXPORT = "/api/export"
API_CHECKINS_CSV = "/api/checkins.csv"
API_JOURNAL_CSV = "/api/journal.csv"
API_PLAN_ICS = "/api/plan.ics"
API_PUSH_SUBSCRIBE = "/api/push/subscribe"
API_PUSH_UNSUBSCRIBE = "/api/push/unsubscribe"
API_REMINDERS_ICS = "/api/reminders/{token}.ics"  # the private calendar link; no cookie needed
# Offline capture (assets/offline_capture.js): the word list to keep on the phone, and the queue's way home.
API_OFFLINE_KIT = "/api/offline/kit"
API_SYNC = "/api/sync"
# Answers while the server is up; the offline screen probes it to know when to go back.
HEALTHZ = "/healthz"

PUBLIC_PAGES = (LOGIN, REGISTER, ABOUT, PRIVACY)
# Signed-in pages open to a user who has not agreed to the current privacy notice (or withdrew).
CONSENT_NOT_NEEDED = (CONSENT, ME_DELETE)

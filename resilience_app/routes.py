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

PUBLIC_PAGES = (LOGIN, REGISTER, ABOUT, PRIVACY)
# Signed-in pages open to a user who has not agreed to the current privacy notice (or withdrew).
CONSENT_NOT_NEEDED = (CONSENT, ME_DELETE)

# The site's words in English. Every key here is in every other language's
# catalogue too (a test checks), and every key is used somewhere.

language-name = English

## Every page

site-name = Clinical Therapist Finder
site-description = Find licensed, clinically trained massage therapists for back, neck and sciatica pain, after a short safety screen that knows when to see a doctor first.
nav-skip = Skip to content
nav-label = Main
nav-search = Search
nav-questionnaire = Pain questionnaire
nav-admin = Admin
nav-dashboard = Dashboard
nav-log-out = Log out
nav-for-practitioners = For practitioners
nav-language = Language
nav-signed-in = Signed in as { $email }
footer-notice = This finder does not diagnose. In an emergency, call your local emergency number.

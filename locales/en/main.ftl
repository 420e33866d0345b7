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

## The questionnaire

q-title = Find the right kind of help
q-title-check = Please check your answers
q-heading = Find the right kind of help for your pain
q-intro = One screen, under a minute. We check for warning signs first, then match you with licensed practitioners trained for your kind of pain. Your answers are not stored.
q-check-answers = Please check the answers marked below.
q-which-place = Which place did you mean?
q-regions = 1. Where is the pain? (choose one or more)
q-duration = 2. How long have you had it?
q-pain = 3. How bad is it right now? (0 = no pain, 10 = worst imaginable)
q-choose = Choose…
q-age = 4. Your age (optional)
q-red-flags = 5. Do any of these apply to you now? (tick any that do)
q-conditions = 6. Any of these health conditions?
q-pressure = 7. Pressure you prefer
q-goal = 8. What do you want most?
q-where = 9. Where are you, and how far will you travel?
q-submit = Show my result
near-label = ZIP code, city or coordinates
near-placeholder = e.g. 78701 or Austin, TX
near-locate = Use my location
reach-within = Within
reach-unit = Unit
reach-by-place = by place
unit-mi = miles
unit-km = km
answer-choose-offered = choose from the answers offered
answer-regions = choose at least one place where it hurts
answer-duration = choose how long you have had the pain
answer-pressure = choose a pressure
answer-goal = choose what you want most
answer-age = choose an age band, or prefer not to say
answer-pain-range = must be a whole number from 0 to 10
answer-pain = rate your pain from 0 to 10

## The verdict and the matches

verdict-urgent = Please get medical care now
verdict-doctor = Please see a doctor before booking massage
verdict-postpone = Massage should wait for now
verdict-cleared = Your doctor has cleared you: here are your matches
verdict-proceed = Here are practitioners who fit your answers
verdict-urgent-body = Your answers include a warning sign that needs a doctor or emergency care today. Do not book a massage. Go to an urgent care centre or an emergency department today.
verdict-urgent-call = Call 911
verdict-urgent-call-when = if symptoms are severe or getting worse quickly (outside the US, call your local emergency number).
verdict-doctor-body = Massage may still help later, but first a doctor should check what is causing your pain.
verdict-postpone-body = Come back when this has healed.
verdict-cleared-body = Bring your doctor's advice to your first session and tell the practitioner what the doctor said.
verdict-also = Also tell the doctor
verdict-open-note = Open a note to take to your doctor
verdict-cleared-button = A doctor has seen me and said massage is fine
precautions-heading = Precautions
precautions-open-note = Open a printable note for your doctor and massage therapist
precaution-high-pain = Your pain is { $pain } out of 10: gentle, indirect techniques (myofascial release, Swedish) come first, and deep tissue work ranks lower.
matches-heading = Your matches near { $place }
matches-ranked = Ranked by how well each practitioner fits your answers, within { $radius } { $unit }.
matches-see-map = See them on the map.
matches-next-open = Next open:
matches-why = Why this match
matches-none = No practitioner within { $radius } { $unit } of { $place } fits these answers. Try a larger distance.
matches-map-what = matches, in ranked order
share-heading = Keep or share this result
share-holds = This link opens this result. It holds your answers: { $holds }. Anyone who has the link can read them, and a browser keeps it in its history, so share it only with people you trust.
share-link-label = Link to this result
share-not-in-address = Your answers are not in this page's address, so they stay out of your browser's history. A link to this result would hold them.
share-make-link = Make a link to share this result
share-change-answers = Change my answers
holds-pain = where it hurts, for how long and how much
holds-red-flags = the warning signs you ticked
holds-conditions = the health conditions you ticked (such as pregnancy or medication)
holds-age = your age band
holds-cleared = that a doctor has cleared you
holds-rest = the pressure and goal you chose, and the place you searched near
card-away = { $distance } away
card-badges = Badges
card-verified-licence = Verified licence
card-verified-licence-number = Verified licence { $licence }
card-licence-unverified = Licence { $licence } not verified
card-accepting = Accepting new clients
card-demo = Demo profile
card-set-aside = Not for you now: { $techniques }. Ask for it to be left out.

## The pre-visit note

note-title = Your pre-visit note
note-back = Back to your result
note-heading = Pre-visit note
note-print = Print this page, or save it as a PDF from your browser's Print command, and take it with you. Nothing you answered is kept by this site.
note-intro-clearance = I was advised to see a doctor before booking massage, and to ask whether massage is safe for me.
note-intro-cleared = A doctor has told me massage is fine. These are the precautions that still apply.
note-intro-precautions = These precautions apply to massage for me.
note-answers = My answers
note-doctor-clearance = For the doctor: the clearance I am asking for
note-doctor-questions = Questions for my doctor
note-doctor-advice = Doctor's advice:
note-therapist-after-doctor = For the massage therapist, once a doctor has said massage is fine
note-therapist = For the massage therapist
note-none = These answers need no note: nothing in them calls for a doctor's clearance or a precaution to pass on.
note-q-where = Where it hurts
note-q-how-long = For how long
note-q-pain = Pain right now
note-q-conditions = Health conditions
note-q-age = Age
note-q-warning-signs = Warning signs
note-q-pressure = Pressure preferred
note-pain-score = { $pain } out of 10
note-no-conditions = None of those asked about
note-ask-clearance = { $reason } Is massage safe for me now, and is there any pressure, area or position to avoid?
note-ask-clearance-rule-out = { $reason } Please rule out { $rule_out }. Is massage safe for me now, and is there any pressure, area or position to avoid?
note-ask-condition = I have this condition: { $condition }. Is there any pressure, area or position a massage therapist should avoid?
note-ask-high-pain = My pain is { $pain } out of 10. Is gentle massage suitable while it is this high?
note-tell-where = Where it hurts: { $regions }; pain { $pain } out of 10.
note-tell-doctor-said = What the doctor said about massage, and anything to avoid.

## How a practitioner works, and why a match

list-and = { $first } and { $last }
approach-clinical = Clinically focused
approach-clinical-meaning = Works on a specific pain: answered yes to at least { $least } of the 5 clinical-practice questions.
approach-mixed = Mixed clinical and relaxation
approach-mixed-meaning = Offers some clinical work beside relaxation massage. Ask how they would treat your pain.
approach-relaxation = Relaxation-focused
approach-relaxation-meaning = Mostly relaxation massage. For a specific, lasting pain, a clinically focused practitioner is the better first choice.
approach-offers-none = Offers none of the clinical techniques ({ $techniques })
approach-offers = Offers { $techniques }
approach-brief =
    { $yes } of 5 clinical answers yes · { $techniques ->
        [0] no clinical techniques
        [one] 1 clinical technique
       *[other] { $techniques } clinical techniques
    } · { $hours } training hours
approach-evidence-answers = Yes to { $yes } of the 5 clinical-practice questions ({ $least } or more count as clinical)
approach-evidence-hours-enough = { $hours } training hours on record ({ $least } or more)
approach-evidence-hours-fewer = { $hours } training hours on record (fewer than { $least })
reason-fits = { $technique }, which fits { $region }
reason-goal = Offers { $technique }, which suits your goal
reason-focus = Focuses on { $regions }
reason-licence =
    { $date ->
        [none] Licence { $licence }, verified
       *[other] Licence { $licence }, verified { $date }
    }
reason-training = { $hours } training hours
reason-clinical-practice = Answers yes to { $yes } of 5 clinical-practice questions
reason-outcome = Reports median pain { $before } → { $after } over { $count } sessions
reason-accepting = Accepting new clients
reason-gentle = Offers gentle techniques suited to high pain
reason-prenatal = Prenatal training
reason-oncology = Oncology training
reason-distance = { $distance } away

## Techniques and accessibility

modality-myofascial_release = Myofascial release
modality-trigger_point = Trigger point therapy
modality-swedish = Swedish massage
modality-clinical = Clinical (medical) massage
modality-deep_tissue = Deep tissue massage
modality-sports = Sports massage
modality-prenatal = Prenatal massage
modality-oncology = Oncology massage
modality-shiatsu = Shiatsu
modality-thai = Thai massage
modality-hot_stone = Hot stone massage
modality-lymphatic_drainage = Lymphatic drainage
access-step_free = Step-free entry
access-adjustable_table = Height-adjustable table
access-seated_or_side_lying = Seated or side-lying work
access-mobile_service = Mobile service
access-scent_free = Scent-free room

## The map

map-title = Map of { $place }
map-description = A map of the area within { $radius } { $unit } of { $place }.
map-caption-none = The cross marks the place searched.
map-caption-one = The pin marks the { $what }.
map-caption-many = Numbers match the list. The cross marks the place searched; pins are placed by their true distance and direction.
map-pins =
    { $count ->
        [one] A pin marks the { $what }.
       *[other] { $count } numbered pins for the { $what }, with the same numbers as the list.
    }
map-nearby = Nearby places: { $places }.
map-nearby-place = { $place } ({ $distance } { $direction })
map-what-practice = practice
map-what-practice-area = practice's area (the practitioner shows only the city)
map-what-results = results on this page
compass-north = north
compass-north-east = north-east
compass-east = east
compass-south-east = south-east
compass-south = south
compass-south-west = south-west
compass-west = west
compass-north-west = north-west

## Home and search

home-title = Find a clinical massage therapist
home-heading = Find a clinical massage therapist for back, neck or sciatica pain
home-intro = Licensed practitioners with real training hours in myofascial release, trigger point, Swedish and clinical massage — not a spa menu.
home-questionnaire = Answer 8 quick questions for a safety check and matches
home-search = Search near you
home-browse = Browse practitioners
search-title = Search results
search-heading = Find a practitioner
search-refine = Change the place, radius or filters
search-results = Results
search-approach = How they work
search-approach-any = Any approach
search-approach-clinical = Clinically focused only
search-approach-mixed = Clinically focused or mixed
search-order = Order
search-order-nearest = Nearest first
search-order-clinical = Most clinical first, then nearest
search-more-filters = More filters
search-more-filters-chosen = More filters ({ $count } chosen)
search-text = Name, practice or city (optional)
search-techniques = Techniques (any of)
search-accessibility = Accessibility (all of)
search-verified-only = Verified licence only
search-none = No practitioners match. Try a larger radius or fewer filters.
search-pages = Pages
search-previous = Previous page
search-next = Next page
search-page-of = Page { $page } of { $pages }
search-summary-nearest =
    { $count ->
        [one] 1 practitioner
       *[other] { $count } practitioners
    } within { $radius } { $unit } of { $place }, nearest first.
search-summary-clinical =
    { $count ->
        [one] 1 practitioner
       *[other] { $count } practitioners
    } within { $radius } { $unit } of { $place }, the most clinical first, then nearest.
search-near-missing = Enter a ZIP code, a city (for example "Austin, TX") or coordinates.
search-not-a-choice = { $given } is not one of the choices. Choose from the list.
search-no-such-page = There is no page { $given } of results. Pages are numbered from 1 to { $last }.
search-past-end =
    { $pages ->
        [0] There is no page { $page }: this search found no practitioners.
        [1] There is no page { $page }: the results fit on one page.
       *[other] There is no page { $page }: the results fill { $pages } pages.
    }
search-first-page = Go to the first page
search-last-page = Go to the last page
search-results-link = Go to the results
place-missing = enter a ZIP code, a city (for example "Austin, TX") or lat,lng
place-ambiguous = matches several places: { $places }; add a state or country
place-near-miss = we could not find { $given }; did you mean { $places }?
place-or = { " " }or{ " " }
place-unknown = we could not find { $given }; try a 5-digit ZIP code, "City, ST" or "City, country code"
error-not-found = Page not found
error-went-wrong = Something went wrong
error-did-not-work = That did not work
error-back = Back to the search

## The API

api-invalid = Some parameters are invalid.

## Spoken languages

language-en = English
language-es = Spanish
language-zh = Chinese
language-tl = Tagalog
language-vi = Vietnamese
language-ar = Arabic
language-fr = French
language-ko = Korean
language-ru = Russian
language-ht = Haitian Creole
language-pt = Portuguese
language-de = German
language-hi = Hindi
language-it = Italian
language-pl = Polish
language-ja = Japanese
search-language = Speaks
search-language-any = Any language
reason-language = Speaks { $language }
q-language-unknown = Choose a language from the list.

## The profile page

profile-og-description = { $kind } in { $place }
profile-demo = This is a demo profile generated to show how the directory works. It is not a real practitioner.
profile-accepting = Accepting new clients
profile-not-accepting = Not accepting new clients
profile-availability-unknown = Availability not confirmed recently
profile-choose-time = Choose a time
profile-call = Call
profile-directions = Directions
profile-approach-heading = How this practitioner works
profile-approach-rule = Worked out by one rule from the practitioner's answers below, their techniques and their training record, never ticked by hand. Clinically focused needs at least 3 yes answers and 5 of these 7 points: each yes, any clinical technique, and 500 or more training hours.
profile-open-times = Open times
profile-open-intro = Sessions of { $lengths }. Times are on the practice's clock: { $zone }. From { $first } to { $last }:
form-leave-empty = Leave this empty
profile-length = Length
profile-minutes = { $minutes } minutes
form-your-name = Your name
form-your-email = Your email
profile-booking-note = Note (optional; no health details are needed here)
profile-request-time = Request this time
profile-booking-how = We email you a link to confirm. Once you confirm, the time is held for you for 24 hours while the practitioner answers.
profile-no-open-times = No open times in these days.
profile-earlier = Earlier times
profile-later = Later times
profile-about = About
profile-address = Address
profile-phone = Phone
profile-email = Email
profile-languages = Languages
profile-website = Website
profile-licence = Licence
profile-number = Number
profile-state = State
profile-kind = Kind
profile-expires = Expires
profile-no-expiry = No expiry date given
profile-verified = Verified
profile-not-verified = Not verified by the directory
profile-board = Board
profile-not-on-file = Not on file
profile-check-licence = Check this licence on the board's own look-up
profile-no-lookup = The directory has no address on file for this board's public look-up.
profile-no-licence = No licence listed.
profile-where = Where
profile-training = Training: { $hours } hours
profile-ledger = Training ledger
profile-course = Course
profile-provider = Provider
profile-technique = Technique
profile-hours = Hours
profile-completed = Completed
profile-general = General
profile-techniques-heading = Techniques and focus
profile-techniques = Techniques:
profile-focus = Focus:
profile-clinical = Clinical practice
profile-outcomes = Reported outcomes
profile-outcomes-text = Median pain { $before } → { $after } out of 10 across { $count } sessions, as reported by the practitioner.
profile-client-heading = What clients reported
profile-client-intro = Reported by clients themselves after visits booked here, apart from the practitioner's own figures. A region shows once 10 clients have reported on it.
profile-client-region = { $region }: { $count } reports; median pain down { $change } points out of 10; { $percent }% would go back.
profile-answered = The practitioner answered:
profile-request = Request an appointment
profile-message = Message (when suits you, what you would like help with)
profile-send-request = Send request
profile-report-heading = Report outdated or wrong information
profile-report-what = What is wrong?
profile-report-contact = Your email or phone (optional, if we may ask you)
profile-send-report = Send report

## Days and times

weekday-0 = Monday
weekday-short-0 = Mon
weekday-1 = Tuesday
weekday-short-1 = Tue
weekday-2 = Wednesday
weekday-short-2 = Wed
weekday-3 = Thursday
weekday-short-3 = Thu
weekday-4 = Friday
weekday-short-4 = Fri
weekday-5 = Saturday
weekday-short-5 = Sat
weekday-6 = Sunday
weekday-short-6 = Sun
month-1 = January
month-short-1 = Jan
month-2 = February
month-short-2 = Feb
month-3 = March
month-short-3 = Mar
month-4 = April
month-short-4 = Apr
month-5 = May
month-short-5 = May
month-6 = June
month-short-6 = Jun
month-7 = July
month-short-7 = Jul
month-8 = August
month-short-8 = Aug
month-9 = September
month-short-9 = Sep
month-10 = October
month-short-10 = Oct
month-11 = November
month-short-11 = Nov
month-12 = December
month-short-12 = Dec
date-long = { $weekday }, { $month } { $day }
date-short = { $weekday } { $month } { $day }
list-or = { $first } or { $last }
minutes-long = { $list } minutes
minutes-short = { $list } min
day-today = today
day-tomorrow = tomorrow
next-open-label = { $day } { $time } { $zone }
profile-date-unread = That date could not be read, so these are the next days.
practice-clinic = Clinic
practice-home_based = Home-based practice
practice-mobile = Mobile (comes to you)
practice-spa = Spa
profile-cp-whole-session = Spends a whole session on one area, such as low back, hips and thighs
profile-cp-myofascial = Uses myofascial techniques
profile-cp-posture = Assesses posture and explains postural imbalance
profile-cp-referral = Works with referral pain, such as hips that cause low-back pain
profile-cp-minimal-oil = Works mostly without oil, using it only at the end
profile-yes = Yes
profile-no = No
profile-not-answered = Not answered
profile-verified-roster = matched against the state board's published roster
profile-verified-lookup = checked by an admin on the board's own look-up
profile-verified-document = checked by an admin who saw the licence document
profile-verified-admin = checked by an admin
profile-verified-on = On { $date }, { $how }
profile-kind-board = Board certification
profile-kind-state = State licence
profile-standing-until = Verified and current until { $date }
profile-standing-current = Verified and current
profile-standing-pending = Not yet verified: the directory has not checked this licence yet
profile-standing-expired-on = Expired on { $date }
profile-standing-expired = Expired
profile-standing-rejected = Not accepted: the directory could not verify this licence
profile-request-sent = Your request was sent. The practitioner will reply by email.
profile-request-limit = You have sent several requests in a short time. Please try again in an hour.
profile-report-thanks = Thank you. The directory's admins will check this listing.
profile-report-limit = You have sent several reports in a short time. Please try again in an hour.
search-place-ambiguous = { $given } matches several places. Choose one below.
search-place-near-miss = We could not find { $given }. Did you mean one of the places below?
search-place-unknown = We could not find { $given }. Try a 5-digit ZIP code or "City, ST".
search-correct-fields =
    { $count ->
        [one] Please correct the field marked below.
       *[other] Please correct the fields marked below.
    }
reach-farthest = The farthest a search reaches is { $radius } { $unit }.
error-no-page = We could not find that page.
error-no-practitioner = No practitioner is listed at this address.

## Mail to clients about their visits

date-moment = { $day } at { $time } { $zone }
mail-confirm-subject = Confirm your visit request
mail-confirm =
    You asked for a { $minutes } minute visit with { $name } on { $when }.
    
    Confirm your request with this link within 24 hours: { $link }
    
    Until you confirm, the time is not held and { $name } does not see the request. If you did not ask for this, ignore this email.
mail-held-subject = Your time is held
mail-held =
    Your request for { $when } with { $name } is confirmed, and the time is held for you until { $until }. { $name } will accept it, decline it or propose another time, and you will get an email either way.
    
    To withdraw the request: { $link }
mail-booked-subject = Visit confirmed
mail-moved-subject = Visit moved
mail-booked =
    Your { $minutes } minute visit with { $name } is on { $when }, at { $place }. The invite is attached for your calendar.
    
    To cancel or move the visit: { $link }
mail-cancelled-subject = Visit cancelled
mail-cancelled =
    The visit on { $when } with { $name } was cancelled by the practitioner. Your calendar can remove it with the attached cancellation.
    
    To find another time: { $profile }
mail-cancelled-by-you =
    You cancelled the visit on { $when } with { $name }. Your calendar can remove it with the attached cancellation.
    
    To find another time: { $profile }
mail-declined-subject = Your visit request
mail-declined = { $name } cannot see you on { $when }. Other open times: { $profile }#open-times
mail-proposed-subject = Another time proposed
mail-proposed =
    { $name } cannot see you at the time you asked for and proposes { $when } instead, for { $minutes } minutes. The time is held for you for 24 hours.
    
    Take it or decline it here: { $link }
mail-lapsed-subject = Your request lapsed
mail-lapsed = Your request for { $when } with { $name } was not answered within 24 hours, so the time is no longer held. Other open times: { $profile }#open-times
mail-ask-report-subject = How was your visit?
mail-ask-report =
    How was your visit with { $name } on { $when }?
    
    Tell other people in pain what it did for you: your pain before and now, and a few yes-or-no questions. It takes a minute, needs no account, and shows on the profile only as figures and, if you write one, a comment with your initials once our admins approve it. If something went wrong, you can tell our admins privately on the same page.
    
    { $link }
    
    The link works for 30 days.
mail-reminder-subject = Your visit tomorrow
mail-reminder =
    A reminder: your { $minutes } minute visit with { $name } is on { $when }, at { $place }.
    
    To cancel or move it, use the link in the email that confirmed the visit.

## A client's visit page

visit-heading = Your visit with { $name }
visit-standing = Standing
visit-confirm = Confirm my request
visit-take = Take this time
visit-move-heading = Move the visit
visit-zone = Times are on the practice's clock: { $zone }.
visit-choose-new = Choose a new time
visit-move = Move to this time
visit-no-times = No other open times in the next two weeks.
visit-their-page = { $name }'s page
visit-check-email = Check your email
visit-check-email-text = We emailed a link to { $email }. Open it within 24 hours to confirm your request; only then is the time held for you and sent to { $name }.
visit-back = Back to the practitioner's page
visit-unconfirmed = Not confirmed yet: the time is not held until you confirm.
visit-proposed = { $name } proposes this time instead of the one you asked for. It is held for you until { $until }.
visit-held = Held for you until { $until }, waiting for { $name }'s answer.
visit-booked = Booked.
visit-past = This visit's time has passed.
visit-declined = Declined by the practitioner.
visit-cancelled = Cancelled.
visit-taken = Someone else's request for this time was confirmed first.
visit-lapsed = No longer held: the request lapsed.
visit-title = Your visit
visit-cancel = Cancel the visit
visit-decline = Decline this time
visit-withdraw = Withdraw the request
visit-held-title = Your time is held
visit-held-text = { $when } is held for you until { $until }. { $name } will accept it, decline it or propose another time, and we will email you either way.
visit-taken-title = That time was taken
visit-taken-text = Someone else's request for { $when } was confirmed first, so nothing is held for you. Choose another open time.
visit-choose-time = Choose one of the open times.
visit-choose-length = Choose a length.
visit-booked-title = Your visit is booked
visit-booked-text = Your visit is on { $when }. We emailed you the invite for your calendar.
visit-moved-title = The visit is moved
visit-moved-text = The visit is now on { $when }. Both of you were emailed the updated invite.
visit-cancelled-title = Cancelled
visit-cancelled-text = It is cancelled, and the time is open again. Both of you were emailed.
fields-invalid = Some fields are invalid.
form-name-invalid = Enter your name (up to 100 characters).
form-email-invalid = Enter an email address like name@example.com.
visit-note-too-long = Keep the note to { $max } characters of text.
visit-lengths-offered = Choose one of the lengths offered: { $lengths } minutes.
visit-time-passed = That time has passed. Choose one of the open times.
visit-time-not-open = That time is not open for { $minutes } minutes. Choose one of the open times.
visit-cannot-confirm = This request can no longer be confirmed. Choose a time again on the practitioner's page.
visit-rate-limited = You have asked for several times in a short while. Please try again in an hour.
visit-too-many-waiting = You already have { $max } requests waiting. Confirm or withdraw one, or wait for an answer, before asking for another time.
visit-no-open-times = This practitioner has no open times to choose from. Send them a message from their page instead.
contact-message-invalid = Write a message of up to { $max } characters.

## A client's visit report

report-yes = yes
report-no = no
report-sent-area = Area treated: { $area }
report-sent-pain = Pain before: { $before } of 10; pain now: { $now } of 10
report-sent-pressure = Pressure as asked: { $answer }
report-sent-consent = Consent and draping explained: { $answer }
report-sent-return = Would go back: { $answer }
report-board-of = The { $state } licensing board
report-title = Your visit report
report-thanks = Thank you. Your report is in.
report-deleted = Your report is deleted.
report-yours = Your report
report-counts = It counts on { $name }'s page among the clients' own reports, without your name. You may delete it.
report-delete = Delete my report
report-how = How was it?
report-pain-before = Your pain before the visit (0 = none, 10 = the worst)
report-pain-now = Your pain now
report-choose = Choose
report-area = The area treated
report-pressure = Was the pressure what you asked for?
report-consent = Were consent and draping explained to you?
report-return = Would you go back?
report-comment = A comment for other people in pain (optional, up to { $max } characters; shown with your initials once our admins approve it)
report-send = Send my report
report-not-yet = This visit can be reported once it has taken place.
report-safety-heading = Something went wrong?
report-safety-thanks = Thank you for telling us. Our admins read every report like this; it is never shown on the site.
report-safety-intro = If you felt unsafe, or a boundary was crossed, tell our admins privately. This never appears on the site.
report-what = What happened
report-safety-send = Send privately to the admins
report-board = You can also complain to the state board that licenses massage therapists
report-danger = If you are in danger, call 911.

# The profile editor: field errors and the dashboard to-do list
edit-required = This is required.
edit-too-long = Use at most { $max } characters.
edit-date-future = The date cannot be in the future.
edit-date = Enter a date such as 2015-05-15 or 05/15/2015.
edit-whole = Enter a whole number from { $min } to { $max }.
edit-phone = Enter a telephone number, like 512-555-0100 or +1 512 555 0100.
edit-email = Enter an email address like name@example.com.
edit-website = Enter a full address starting with https://
edit-state = Choose your state.
edit-zip = Enter a 5-digit ZIP code.
edit-unplaced = We could not place “{ $query }” on the map. Check the city, state and ZIP.
edit-techniques = Choose techniques from the list.
edit-regions = Choose regions from the list.
edit-practice-type = Choose a practice type.
edit-prenatal = Add a prenatal massage course to your training ledger first.
edit-oncology = Add an oncology massage course to your training ledger first.
edit-currency = Choose a currency.
edit-languages = Choose languages from the list.
edit-accessibility = Choose features from the list.
edit-lengths = Choose lengths from the list.
edit-lengths-none = Choose at least one session length.
edit-lengths-fit = No range of your hours is long enough for a { $minutes }-minute session.
edit-technique = Choose a technique from the list.
edit-licence-state = Choose the state that issued it.
edit-licence-number = Enter the number as printed (letters, digits and dashes).
edit-licence-kind = Choose the kind of credential.
edit-licence-expiry = Enter the expiry date printed on it: this kind of credential expires.
edit-outcome-region = Choose the region you worked on.
missing-about = an About text
missing-location = a location
missing-technique = at least one technique
missing-region = at least one region of focus
missing-training = a training ledger entry
missing-licence = a licence or certification
edit-publish-missing = Before publishing, add { $missing }.
todo-missing = Your profile needs { $missing }.
todo-licence-expired = Licence { $state } { $number } expired on { $date }.
todo-licence-expires = Licence { $state } { $number } expires on { $date }.
todo-licence-rejected = Licence { $state } { $number } was not verified: { $reason }
todo-licence-rejected-silently = Licence { $state } { $number } was not verified; no reason was given.
todo-languages-unread = Your languages list had words we could not read as a language (“{ $unread }”); choose your languages from the list and save.
todo-confirm-profile = Confirm that your profile is up to date.
todo-confirm-accepting = Confirm whether you are accepting new clients (it lapses after { $days } days).

# Working hours and time off as typed
hours-range-split = Write “{ $range }” as a start and an end, like 9:00-12:00 or 9am-5pm.
hours-range-unread = “{ $range }” is not a time range we can read; write it like 9:00-12:00 or 1pm-5pm.
hours-range-short = “{ $range }” ends before it starts or is shorter than 15 minutes.
hours-ranges-many = Use at most { $max } ranges in a day.
hours-ranges-overlap = Two of these ranges overlap.
time-off-date = Line { $line }: write a date like 2026-12-24 or 12/24/2026, or two joined by “to”.
time-off-order = Line { $line }: the last day is before the first.
time-off-long = Line { $line }: a stretch of time off can be at most { $max } days.
time-off-many = Use at most { $max } lines.

# The dashboard
dash-hello = Hello, { $name }
dash-signed-in-as = Signed in as { $email }.
dash-listing = Your listing
dash-suspended = Your listing is suspended by the directory's admins. Contact them to resolve it.
dash-published = Your profile is published:
dash-see-public = see your public profile
dash-unpublish = Unpublish
dash-draft = Your profile is a draft. Publish it once it is complete.
dash-publish = Publish my profile
dash-attention = Needs your attention
dash-attention-none = Nothing right now. Thank you for keeping your profile current.
dash-up-to-date = My profile is up to date
dash-accepting-heading = Accepting new clients?
dash-said-yes = You said yes.
dash-said-no = You said no.
dash-said-unknown = Not confirmed in the last 30 days, so search shows it as unknown.
dash-confirm-every = Confirm at least every 30 days.
dash-accepting-now = Are you accepting new clients now?
dash-confirm-availability = Confirm availability
dash-sections = Profile sections
dash-your-profile = Your profile
dash-link-profile = Profile: basics, location, techniques, clinical practice, languages
dash-link-hours = Working hours and time off
dash-link-training = Training ledger
dash-link-licences = Licences
dash-link-outcomes = Outcome logs
dash-link-inbox = Inbox
dash-link-password = Change password
dash-link-security = Sign-in security: authenticator app and recovery codes
dash-title = Your dashboard
dash-saved-published = Your profile is published. It appears in search within a few seconds.
dash-saved-unpublished = Your profile is no longer listed.
dash-saved-confirmed = Thank you: your profile is confirmed as up to date.
dash-saved = Saved.
dash-yes-or-no = Choose yes or no.
dash-no-entry = No such entry in your profile.

# Working hours
hours-title = Your working hours
dash-back = Back to your dashboard
hours-intro = Your profile shows the open times these hours give, the next 7 days first, and each match result shows your next open time.
hours-zone = Times are on your practice's clock: { $zone }, from your location.
hours-no-zone = We cannot tell your time zone until your location is set; until then no open times are shown.
hours-set-location = Set your location
hours-heading = Hours and booking rules
dash-fix-fields = Please correct the fields marked below. Nothing was saved.
hours-weekly = Weekly hours
hours-ranges-hint = Ranges separated by commas, like these:
hours-empty-day = Leave a day empty when you do not work.
hours-lengths = Session lengths you offer
hours-buffer = Minutes kept free before and after each visit (0–120)
hours-horizon = How many days ahead people may book (1–365)
hours-notice = Shortest notice, in hours (0–336)
hours-time-off = Time off
hours-time-off-hint = One date or range per line, like these:
hours-time-off-range = 12/24/2026 to 12/31/2026
hours-save = Save working hours
hours-preview = Your open times in the next 7 days
hours-none-yet = None yet.

# Licences
lic-title = Your licences
lic-intro = New licences start as pending until an admin verifies them. Changing the number or state of a verified licence sends it back to pending.
lic-label = Licence { $state } { $number }
lic-status-pending = Status: pending
lic-status-verified = Status: verified
lic-status-rejected = Status: not verified
lic-not-verified = Not verified: { $reason }
lic-state = State
lic-number = Number
lic-kind = Kind
lic-kind-state_licence = State licence
lic-kind-board_certification = Board certification
lic-expires = Expires
lic-save = Save licence
lic-add-heading = Add a licence or certification
lic-issuing-state = State that issued it
lic-add = Add licence

# Outcome logs
out-title = Your outcome logs
out-intro = Log pain before and after a session, with no client identity. From 10 logs your public profile shows the medians, labelled as reported by you.
out-add-heading = Log a session
out-date = Session date
out-region = Region worked on
out-before = Pain before (0–10)
out-after = Pain after (0–10)
out-add = Log session
out-list = Logged sessions
out-export = Export as CSV
out-col-date = Date
out-col-region = Region
out-col-before = Before
out-col-after = After

# Training ledger
train-title = Your training ledger: { $hours } hours
train-intro = The total is the sum of the entries; your public profile shows both.
train-entry = Training entry { $course }
train-course = Course
train-provider = Provider
train-technique = Technique
train-general = General
train-hours = Hours
train-completed = Completed
train-save = Save entry
train-remove = Remove entry
train-add-heading = Add a course
train-add = Add course

# The profile editor
edit-title = Edit your profile
edit-intro = Each section saves on its own.
edit-fix = Please correct the fields marked below. Nothing in that section was saved.
edit-basics = Basics
edit-display-name = Name clients see
edit-practice-name = Practice name
edit-public-email = Public email
edit-bio = About you and how you work
edit-bio-es = About you in Spanish (optional)
edit-bio-es-hint = Shown instead of the text above to people reading the site in Spanish.
edit-save-basics = Save basics
edit-location = Location
edit-location-hint = Home-based and mobile practices: leave the street empty; your page then shows only your city.
edit-street = Street address (optional)
edit-city = City
edit-zip-label = ZIP code
edit-save-location = Save location
edit-focus = Techniques and regions of focus
edit-techniques-legend = Techniques you offer
edit-regions-legend = Regions you focus on
edit-save-focus = Save techniques and regions
edit-practice = Practice and clinical practice
edit-rather-not-say = Rather not say
edit-save-practice = Save practice
edit-special = Special training
edit-special-hint = Each needs a matching course in your training ledger:
edit-prenatal-label = Prenatal training
edit-oncology-label = Oncology training
edit-save-special = Save special training
edit-currency-label = Currency
edit-languages-legend = Languages you work in
edit-languages-unread = Your earlier list also said “{ $unread }”, which is not one of these languages. Choose from the list and save; saving settles it.
edit-accessibility-legend = Accessibility
edit-save-languages = Save languages and accessibility

# Dates in lists
date-stamp = { $month } { $day }, { $year }, { $time } { $zone }

# The inbox
inbox-title = Your inbox
inbox-proposed = You proposed this time; held for the client until { $until }.
inbox-waiting = Waiting for your answer; held until { $until }.
inbox-booked = Booked.
inbox-past = Past.
inbox-declined = You declined.
inbox-cancelled = Cancelled.
inbox-taken = Taken by an earlier request.
inbox-lapsed = Lapsed without an answer.
inbox-name-erased = (name erased)
inbox-propose-choose = Choose a time and a length to propose.
inbox-no-answer = No such answer.
inbox-no-request = No such request.

# The inbox page
inbox-zone = Times are in your practice's time zone ({ $zone }).
inbox-utc = Times are in UTC: add your practice's ZIP code to see them in its time zone.
inbox-visits = Visits
inbox-minutes = { $minutes } minutes
inbox-accept = Accept
inbox-decline = Decline
inbox-propose-label = Propose another time
inbox-length = Length
inbox-propose = Propose this time
inbox-no-visits = No visits yet. People choose a time from the open times on your page once you set your working hours:
inbox-comments = Comments from clients
inbox-comments-intro = Comments clients wrote in their reports after a visit, shown on your page once our admins approve them. You may answer each once, publicly.
inbox-your-answer = Your answer:
inbox-public-answer = Your public answer
inbox-answer = Answer
inbox-no-comments = No approved comments yet.
inbox-feed = Calendar feed
inbox-feed-intro = Subscribe to your booked visits in any calendar app with a private address. Keep it to yourself: anyone with it sees your visits.
inbox-feed-new = Your new feed address, shown only this once. Copy it into your calendar app now:
inbox-feed-made = Your feed address was made on { $made }. If you lost it, or someone else has it, make a new one: the old one stops working.
inbox-feed-replace = Make a new feed address
inbox-feed-create = Make a feed address
inbox-messages = Messages
inbox-messages-intro = Free-text appointment requests from your page. Reply by email.
inbox-no-messages = No messages yet.

# Outcome summary
out-summary = Median pain { $before } → { $after } across { $count } sessions (shown on your public profile).
train-heading = Your training ledger

# Profile editor questions
edit-cp-whole-session = Will you spend a whole session on one area, such as low back, hips and thighs?
edit-cp-myofascial = Do you use myofascial techniques?
edit-cp-posture = Do you assess posture and explain postural imbalance?
edit-cp-referral = Do you work with referral pain, such as hips that cause low-back pain?
edit-cp-minimal-oil = Do you work mostly without oil, using it only at the end?
edit-no-section = No such profile section.

# Account pages
acct-join = Join as a practitioner
acct-join-intro = Create your account, then build a profile with your licence, training and techniques. People in pain find you once it is complete and published.
acct-create = Create account
acct-display-name = Your name as clients see it
acct-email = Email
acct-new-password-first = Password (at least 10 characters)
acct-have-account = Already have an account? Log in
acct-check-email = Check your email
acct-check-email-signup = We have sent a link to confirm your email address. Open it to finish signing up.
acct-email-confirmed = Email confirmed
acct-email-confirmed-text = Thank you: your email address is confirmed. You can now log in and build your profile.
acct-login-intro = Log in to keep your practitioner profile up to date, or to your admin account.
acct-login = Log in
acct-password = Password
acct-forgot-link = Forgot your password?
acct-new-here = New here? Join as a practitioner
acct-password-reset-done = Your password was changed. Log in with the new one.
acct-reset-title = Reset your password
acct-forgot-intro = Enter the email address of your account and we will send you a link to choose a new password.
acct-send-link = Send the link
acct-back-login = Back to log in
acct-forgot-sent = If an account uses that address, we have sent it a link to choose a new password. The link works for an hour.
acct-choose-title = Choose a new password
acct-choose-intro = Choose a new password. Every device logged in to your account will be logged out.
acct-save-password = Save the new password
acct-new-password = New password (at least 10 characters)
acct-change-title = Change your password
acct-change-intro = Changing your password logs out every other device.
acct-current-password = Current password
acct-password-changed = Password changed
acct-password-changed-text = Your password was changed and other devices were logged out.

# Sign-in security
sec-fresh-check = Adding another second factor needs your current one checked within the last 10 minutes: log out, log in again, then add it.
sec-enter-code = Enter your code
sec-enter-code-intro = Open your authenticator app and enter the 6-digit code it shows for the Clinical Therapist Finder. Lost your device? Enter one of your recovery codes instead.
sec-code-label = Code from your app, or a recovery code
sec-restart = Start the log-in again
sec-admin-needs = Admins must have a second factor: set up an authenticator app before using the admin pages.
sec-app-removed = Your authenticator app was removed.
sec-passkey-added = Your passkey was added.
sec-passkey-removed = The passkey was removed.
sec-done = Done.
sec-enrol-title = Set up an authenticator app
sec-codes-title = Your recovery codes
sec-enrol-changed = The enrolment form was changed. Open the set-up page again.
sec-app-replaced-title = Authenticator app set up
sec-app-replaced = Your new authenticator app is set up, and the old one no longer works. Your recovery codes are unchanged.
sec-back = Back to sign-in security
sec-step-up-title = Confirm it is you
sec-step-up-intro = Decisions like this one need your second factor checked within the last 10 minutes. Enter the code your authenticator app shows now, or a recovery code, and your decision goes on as you made it.
sec-step-up-submit = Confirm and continue
sec-step-up-cancel = Cancel and go back to the admin pages
sec-no-destination = Where this form was going is missing.

# Passkeys
pk-no-domain = Passkeys need the site to be served under a domain name.
pk-remove-fresh = Removing a passkey needs your second factor checked within the last 10 minutes: log out, log in again, then remove it.
pk-none = This account has no passkey.
pk-too-long = That log-in waited too long for its second factor. Log in again.
acct-login-expired = That log-in waited more than { $minutes } minutes for its code. Log in again.

# Authenticator app pages
sec-scan = Open your authenticator app and add an account by scanning this code.
sec-type-secret = Cannot scan? Type this secret into the app instead (a time-based code, 6 digits, every 30 seconds):
sec-setup-address = Or open this set-up address
sec-enter-shown = Enter the code the app now shows.
sec-current-app-code = Code from your current app (it stops working once the new one is set up)
sec-new-app-code = Code from the new app
sec-turn-on = Turn it on
sec-cancel = Cancel
inv-intro = You were invited to be an admin of the directory as { $email }. Choose a password and set up an authenticator app: admins need both.
inv-code = The code the app now shows
inv-accept = Become an admin
sec-codes-keep = Keep these ten codes somewhere safe, apart from your device: print them or store them in a password manager. Each one logs you in once if you lose your device. They are shown only now; any older set no longer works.
sec-codes-kept = I have kept them: continue
sec-use-passkey = Use a passkey instead

# The sign-in security page
sec-app = Authenticator app
sec-app-on = On. Every log-in asks for the 6-digit code your app shows after your password.
sec-app-replace = Replace your authenticator app
sec-admin-keep = Admins must keep a second factor, so it cannot be turned off here; another admin can reset it if you lose your device and your recovery codes.
sec-app-off-code = To turn it off, enter a code from your app or a recovery code
sec-app-off = Turn off the authenticator app
sec-app-is-off = Off. With an app such as a password manager or an authenticator on your phone, a stolen password alone cannot open your account.
sec-passkeys = Passkeys
sec-passkeys-intro = A passkey is kept by your phone, computer or security key and unlocked with your fingerprint, face or PIN. Add as many as you like.
sec-passkey-used = { $name }: added { $added }, last used { $used }
sec-passkey-unused = { $name }: added { $added }
sec-remove = Remove
sec-passkey-name = Name of the new passkey (for example, the device it is on)
sec-passkey-add = Add a passkey
sec-passkey-js = Adding or using a passkey needs JavaScript; an authenticator app works without it.
sec-passkey-no-domain = Passkeys need the site to be served under a domain name; use an authenticator app.
sec-codes = Recovery codes
sec-codes-left = { $left } of 10 left. Each one logs you in once if you lose your device.
sec-codes-new-code = To make a new set (the old set stops working), enter a code from your app or a recovery code
sec-codes-new = Make new recovery codes
sec-back-home = Back
sec-title = Sign-in security

# Scripts' words
map-skip = Skip the map
map-street = Street map.
near-unavailable = Location unavailable
pk-follow-use = Follow your browser's prompt to use your passkey.
pk-follow-create = Follow your browser's prompt to create the passkey.
pk-failed = The passkey could not be used.
pk-or-code = You can enter a code instead.

# Admin pages
adm-queue-link = Licence verification queue
adm-waiting = { $count } waiting
adm-rosters-link = State rosters and column mappings
adm-reports-link = Reports of wrong listings
adm-open = { $count } open
adm-client-reports-link = Client reports
adm-client-reports-what = comments to approve, flagged reports and private safety reports
adm-listings-link = Listings and suspensions
adm-audit-link = Audit log
adm-admins-link = Admins: invite, remove, reset a lost second factor
adm-security-link = Your sign-in security
adm-jobs = Search updates
adm-jobs-intro = Every change to a listing queues an update of the search index.
adm-jobs-waiting = Waiting
adm-jobs-retrying = { $count } being retried after a failure
adm-jobs-running = Running
adm-jobs-failed = Given up
adm-jobs-oldest = Oldest waiting since
adm-jobs-error = Latest error
adm-listings = Listings
adm-listings-intro = Search by name or slug; without a search, suspended listings are shown.
adm-name-or-slug = Name or slug
adm-find = Find
adm-suspended = suspended: { $reason }
adm-listed = listed
adm-draft = draft
adm-lift = Lift suspension
adm-suspend-reason = Suspension reason
adm-suspend = Suspend
adm-no-listings = No listings found.
adm-audit-intro = Every admin decision, newest first. Entries cannot be edited or deleted.
adm-audit-actor = Actor email
adm-audit-subject = Subject (e.g. licence:12)
adm-audit-action = Action (e.g. licence.approve)
adm-filter = Filter
adm-audit-entries = Audit entries
adm-col-when = When (UTC)
adm-col-actor = Actor
adm-col-action = Action
adm-col-subject = Subject
adm-invite = Invite an admin
adm-invite-intro = The invitee gets a link, valid for 72 hours, to choose a password and set up an authenticator app.
adm-invite-send = Send the invitation
adm-members = Admins and open invitations
adm-you = you
adm-invited-since = Invited { $since }; has not accepted yet.
adm-member-app-on = Admin since { $since }. Authenticator app: on, { $left } recovery codes left.
adm-member-app-off = Admin since { $since }. Authenticator app: not set up yet.
adm-reset-factor = Reset the second factor
adm-withdraw = Withdraw the invitation
adm-remove = Remove as admin
adm-queue-intro = oldest first, { $count } waiting in this view. Check each claim against the board's public look-up before approving.
adm-all-states = All states
adm-all-kinds = All kinds
adm-latest-roster = Latest state roster
adm-either = Either
adm-number-on = Number on it
adm-number-off = Number not on it
adm-show = Show
adm-showing = Showing { $first }–{ $last } of { $total } (page { $page } of { $pages }).
adm-status = Status
adm-status-verified = verified
adm-status-rejected = not verified
adm-status-pending = pending
adm-submitted = Submitted
adm-board = Board
adm-board-lookup = { $board }: public licence look-up
adm-state-lookup = The state's public licence look-up
adm-board-no-lookup = { $board } (no public look-up address on file)
adm-no-board = No board on file for this state: find its licensing board before approving.
adm-unregulated = This state has no massage licensing board on file: check the claim another way, or reject it.
adm-needs-review = Needs review
adm-roster-row = Roster row
adm-not-on-roster = Not on the latest roster
adm-history = History
adm-no-other = No other licences
adm-verified-by = Verified by
adm-approve = Approve
adm-reject-reason = Reason for rejecting (the practitioner sees it)
adm-reject = Reject
adm-view-empty = Nothing waits in this view.
adm-queue-empty = The queue is empty.
adm-queue-pages = Pages of the queue
adm-older = Older: page { $page }
adm-newer = Newer: page { $page }
adm-cr-intro = What clients reported after their visits. Every decision is kept in the audit log:
adm-cr-safety = Safety and boundary reports ({ $count } open)
adm-cr-private = Private: never shown on the site.
adm-cr-resolve = Mark resolved
adm-cr-none-open = None open.
adm-cr-comments = Comments waiting ({ $count })
adm-cr-approve = Show it
adm-cr-reject = Never show it
adm-cr-none-waiting = None waiting.
adm-cr-flagged = Reports kept out of the counts ({ $count })
adm-cr-count = Count it
adm-cr-none = None.
adm-reports = Reports
adm-reports-intro = Open reports first.
adm-report-open = open
adm-report-resolved = resolved
adm-report-contacted = practitioner contacted
adm-report-dismissed = dismissed
adm-report-contact = Contact: { $contact }
adm-resolve = Resolve
adm-mark-contacted = Mark practitioner contacted
adm-dismiss = Dismiss
adm-suspend-listing = Suspend listing
adm-no-reports = No reports.

# State rosters
ros-title = State rosters
ros-intro = Import a board's licensee list (CSV, with or without a header row, as the board publishes it). Matching licences are verified with method “roster”; disagreements go to the queue with the roster row beside the claim; verified licences missing from the roster are flagged for review. A file that cannot be read, or has too many unreadable rows, applies nothing; a roster that would flag an unusual share of verified licences as missing waits for your confirmation. Preview first to see what a file would do.
ros-report = Import report for { $state }
ros-preview = Preview for { $state }: nothing was applied
ros-flagged = This roster flagged { $missing } of the { $verified } verified { $state } licences as missing, more than { $percent }%: is the file cut short, or another state's?
ros-would-flag = This roster would flag { $missing } of the { $verified } verified { $state } licences as missing, more than { $percent }%: is the file cut short, or another state's?
ros-refused-unless = Importing it will be refused unless you tick the box to apply it anyway.
ros-rows-read = Rows read
ros-other = Rows of other professions
ros-matched = Matched
ros-verified = Verified
ros-conflicts = Conflicts
ros-invalid = Invalid rows
ros-missing = Missing from roster
ros-line = Line { $line }: { $problem }
ros-import-heading = Import a roster
ros-choose-state = Choose a state
ros-date = Roster date
ros-file = CSV file
ros-dry-run = Preview only: show what this file would verify, flag and mark missing, and apply nothing
ros-confirm = Apply even if it would flag many verified licences as missing
ros-code = To apply (not to preview): the code your authenticator app shows now, or a recovery code
ros-import = Import
ros-mappings = Column mappings
ros-by-header = by header
ros-by-position = by position, no header
ros-summary = number { $number }, name { $name }, expiry { $expiry } ({ $format })
ros-has-header = The file's first line names its columns (otherwise name each column by its position: 1, 2, …)
ros-col-number = Licence number column
ros-col-name = Name column
ros-col-status = Status column (empty: the file lists current licences only)
ros-col-expiry = Expiry column
ros-active-values = Active status values (comma-separated)
ros-date-format = Date format as the board writes it (MMDDCCYY, MM/DD/YYYY, YYYY-MM-DD)
ros-col-profession = Profession column (empty: every row is a massage licence)
ros-profession-values = Profession values to import (comma-separated)
ros-prefix = Letters the board puts before its numbers (e.g. MT)
ros-drop-zeros = The board drops leading zeros from numbers
ros-save = Save mapping

# Admin handlers
adm-cr-flagged-return = Pain { $before } → { $now } ({ $region }); would go back: yes
adm-cr-flagged-no-return = Pain { $before } → { $now } ({ $region }); would go back: no
adm-cr-own-email = Sent from the practitioner's own account email
adm-cr-one-address = One of several reports from one address
adm-cr-visit = Visit { $visit }
adm-no-decision = No such decision.
adm-done-approved = Licence approved.
adm-done-rejected = Licence rejected.
adm-method-board_lookup = Board look-up
adm-method-document_seen = Document seen
adm-no-item = No such item.
adm-no-action = No such action.
ros-no-state = Nothing was imported. Choose the state whose roster this is.
ros-bad-date = Nothing was imported. The roster's date { $date } is not a date like 2026-11-01 or 11/01/2026.
ros-step-up = Nothing was imported. Applying a roster needs your second factor checked within the last 10 minutes: { $refusal } Then choose the file again.
ros-failed = Nothing was imported. { $error }
adm-admins = Admins
adm-done-invited = Invitation sent. The link works for 72 hours.
adm-done-removed = Removed. That account can no longer log in.
adm-done-reset = Second factor reset. That admin was logged out everywhere and sets up a new one at the next log-in.
adm-no-admin = No such admin.
inv-form-changed = The form was changed. Open the invitation link again.

# Accounts
acct-wrong-credentials = Email or password is wrong.
acct-unverified = Please verify your email first: we have sent you a new link.
acct-bad-token = This link is invalid or has expired. Ask for a new one.
mail-verify-subject = Confirm your email address
mail-verify =
    Welcome to the Clinical Therapist Finder.
    
    Confirm your email address by opening this link within 48 hours:
    { $link }
    
    If you did not sign up, ignore this message.
acct-name-invalid = Enter your name (up to 100 characters).
acct-signup-throttled = Too many sign-ups from your network. Wait an hour and try again.
mail-exists-subject = Someone tried to sign up with your address
mail-exists = An account already exists for this address. Log in at { $login }, or reset your password at { $reset }.
acct-login-throttled-account = Too many failed log-ins for this account from your network. Wait 15 minutes, or reset your password.
acct-login-throttled-network = Too many failed log-ins from your network. Wait 15 minutes and try again.
acct-login-throttled-everywhere = This account has had many failed log-ins from many places, so for now it only accepts log-ins from browsers it knows. Wait 15 minutes, or reset your password to log in from this browser.
acct-reset-throttled = Too many reset requests. Wait an hour, or use the newest link we sent.
mail-reset-subject = Reset your password
mail-reset =
    Open this link within an hour to choose a new password:
    { $link }
    
    If you did not ask for this, ignore this message.
acct-not-current = This is not your current password.
acct-password-short = Use at least { $min } characters.

# Second factors
sec-code-mismatch = That code does not match. Check that your device's clock is right, then enter the code your app shows now.
mail-app-added-subject = An authenticator app was added to your account
mail-app-added =
    An authenticator app was just set up as the second factor of your Clinical Therapist Finder account.
    
    If this was not you, reset your password at once and tell the directory's admins.
sec-admin-keep-app = Admins must keep a second factor. Set up a new app to replace this one, or add a passkey first.
mail-factor-reset-subject = Your second factor was reset
mail-factor-reset = An admin of the Clinical Therapist Finder reset the second factor of your account and logged it out everywhere. Log in again to set up a new one.
sec-throttled = Too many wrong codes. Wait 15 minutes and try again.
sec-wrong-code = That code is not right, or was already used. Enter the code your app shows now, or a recovery code.
pk-name-invalid = Name the passkey (up to 60 characters), for example the device it is on.
pk-not-added = The passkey could not be added. Try again, or use an authenticator app.
mail-passkey-added-subject = A passkey was added to your account
mail-passkey-added =
    A passkey named “{ $name }” was just added as a second factor of your Clinical Therapist Finder account.
    
    If this was not you, reset your password at once and tell the directory's admins.
pk-no-such = No such passkey.
pk-admin-keep = Admins must keep a second factor. Add another passkey or an authenticator app first.

# Admins
inv-bad-token = This invitation link is invalid, used or more than 72 hours old. Ask an admin for a new one.
inv-has-account = This address already has an account. Invite an address of its own.
mail-invite-subject = You are invited to be an admin of the Clinical Therapist Finder
mail-invite =
    An admin of the Clinical Therapist Finder invited you to help verify licences and keep the directory trustworthy.
    
    Within { $hours } hours, open this link to choose a password and set up an authenticator app (admins need one):
    { $link }
    
    If you do not expect this, ignore this message.
adm-no-self-removal = Another admin has to remove you: an admin cannot remove their own account.
adm-last-admin = The directory needs at least one admin.
adm-no-self-reset = Use your own sign-in security page, or ask another admin.

# Access
csrf-refused = This form has expired or did not come from this site. Go back, reload the page and try again.
form-not-utf8 = The form was not UTF-8.
form-unreadable = The form could not be read.
auth-practitioners-only = This page is for practitioners.
auth-admins-page = This page is for the directory's admins.
auth-log-in-first = Log in first.
auth-no-profile = Only practitioners have a profile.
auth-log-in-admin = Log in as an admin first.
auth-admin-factor = Admins need a second factor before anything else.
auth-admins-only = Admins only.
auth-admin-enrol = Admins need a second factor: set one up at { $page } and log in again.
auth-step-up = Confirm your second factor on the site first: decisions need one checked within the last 10 minutes.

# Licence decisions and expiry mail
adm-choose-method = Choose how you verified it.
adm-reason-invalid = Give a reason the practitioner can act on (up to 500 characters).
mail-licence-verified-subject = Your licence is verified
mail-licence-verified =
    Licence { $licence } is verified ({ $how }), and your profile now shows it as verified.
    
    Your licences: { $link }
mail-method-board_lookup = checked on the board's look-up
mail-method-document_seen = the licence document was seen
mail-licence-rejected-subject = Your licence could not be verified
mail-licence-rejected =
    Licence { $licence } could not be verified.
    
    The reason: { $reason }
    
    Correct it, or add the licence again with the right details, at { $link }
mail-licence-expired-subject = Your licence has expired
mail-licence-expired = Licence { $licence } has passed its expiry date, so your profile no longer shows it as verified. Add the renewed licence at { $link }.
mail-licence-expiring-subject = Your licence expires soon
mail-licence-expiring = Licence { $licence } expires on { $date }. Renew it and update it at { $link } so your profile stays verified.
lic-status-expired = Status: expired
adm-status-expired = expired

# Mail to practitioners about visits
mail-practice-a-client = A client
invite-summary = Massage visit with { $name }
invite-description = { $minutes } minutes with { $name }. { $profile }
mail-practice-held-subject = New visit request
mail-practice-held =
    { $client } asks for a { $minutes } minute visit on { $when }. The time is held until { $until }; after that it opens again.
    
    Accept, decline or propose another time in your inbox: { $inbox }
mail-practice-booked-subject = Visit confirmed
mail-practice-moved-subject = Visit moved
mail-practice-booked =
    Your { $minutes } minute visit with { $client } is on { $when }. The invite is attached for your calendar.
    
    To cancel or move the visit: { $link }
mail-practice-cancelled-subject = Visit cancelled
mail-practice-cancelled-by-client = The visit on { $when } with { $client } was cancelled by the client. The time is open again.
mail-practice-cancelled-by-you = The visit on { $when } with { $client } was cancelled by the practitioner. The time is open again.
mail-practice-withdrawn-subject = Visit request withdrawn
mail-practice-withdrawn = { $client } withdrew the request for { $when }. The time is open again.
mail-contact-subject = New appointment request
mail-contact = You have a new appointment request. Read it in your inbox: { $inbox }

# Visit report errors
report-err-number = Choose a number from 0 to 10.
report-err-area = Choose the area treated.
report-err-comment = Keep the comment to { $max } characters of text.
report-err-twice = This visit has been reported already. You can delete the report on this page.
report-err-none = There is no report to delete.
report-err-what = Say what happened, in up to { $max } characters.
report-err-reply = Write an answer of up to { $max } characters.
report-err-answered = This comment has an answer already, or is not shown.
report-err-decided = This was decided already, or does not exist.
report-err-not-yet = Only a visit that took place can be reported.

# Visit answers
visit-err-not-waiting = This request is no longer waiting for your answer: it was answered, withdrawn, or its hold lapsed.
visit-err-cancelled = This visit was cancelled.
visit-err-declined = This request was declined.
visit-err-past = This visit's time has passed.
visit-err-unchangeable = This visit can no longer be changed from this link.
visit-err-not-open = That time is not open for { $minutes } minutes. Choose one of the open times.

# Forms
form-one-value = Give one value, not several.
form-unread-field = This could not be read ({ $detail }).
form-unread = Some of what was sent could not be read. { $fields }

# Errors
error-too-large = What was sent is larger than this form accepts.
error-internal = Something went wrong on our side. Please try again.
error-unavailable = A service this page needs is unavailable. Please try again shortly.
visit-err-not-found = No such visit or link.

# Moderation
report-wrong-what = Say what is wrong (up to 2000 characters).
report-wrong-contact = Keep the contact under 200 characters.
adm-unknown-outcome = Unknown outcome.
adm-suspend-reason-invalid = Give the reason for the suspension (up to 500 characters).
search-too-many-words = Search with at most { $words } words, each at most { $chars } characters long.

# API
api-no-endpoint = No such API endpoint.
api-no-practitioner = No practitioner is listed with this slug.
api-visit-requested = We emailed a link to confirm the request; it works for 24 hours. Once the request is confirmed, the time is held for 24 hours for the practitioner's answer.

# Re-sending answers in another language
results-other-language = The same answers in:

# Structured data of a profile
credential-board-certification = Board certification in therapeutic massage
credential-state-licence = State massage therapy licence
credential-verified-on = Verified by the directory on { $date }.
credential-verified = Verified by the directory.
credential-expired = Expired.
credential-unverified = Not yet verified by the directory.

# Not found
error-no-file = No such file.
error-no-calendar = No such calendar.
error-no-sitemap = No such sitemap.

# Prices and payment
pay-length-not-offered = You do not offer { $minutes }-minute sessions: choose your lengths with your working hours first.
pay-note-too-long = Keep the note to one line of at most { $max } characters.
pay-options = Choose ways to pay from the list.
pay-insurers = Name at most { $max } insurers, one a line, each at most { $chars } characters.
pay-npi = An NPI is 10 digits and its last digit checks the others; this one does not. Copy it from your NPPES record.
pay-title = Prices and payment
pay-intro = People choosing clinical massage ask first what a session costs and whether their HSA or FSA can pay. Your profile shows what you fill in here.
pay-prices = Price of a session, by length
pay-prices-hint = Whole amounts; leave a length empty to show no price for it. The lengths are those you offer with your working hours:
pay-sliding-scale = I offer a sliding scale
pay-note = A note on prices (optional, one line)
pay-how = How people may pay
payment-cash = Cash
payment-card = Credit or debit card
payment-hsa_fsa = HSA or FSA card
payment-itemised_receipts = Itemised receipts for HSA/FSA and insurance claims
payment-injury_claims = Auto-injury (PIP) and workers' compensation claims, with a doctor's referral
pay-insurers-label = Insurers you bill directly (optional)
pay-insurers-hint = One a line, at most 10.
pay-npi-label = Your NPI (optional)
pay-npi-hint = The 10-digit National Provider Identifier from your NPPES record, if you have one.
pay-save = Save prices and payment
edit-payment-link = Prices by session length, HSA/FSA, insurers and NPI

# Cost and payment on a profile
profile-cost = Cost and payment
profile-price-amount = { $amount } { $currency }
profile-offer = { $minutes }-minute massage session
profile-sliding-scale = A sliding scale is offered: ask about a lower price if you need one.
profile-pay-with = Ways to pay:
profile-hsa-explained = An HSA or FSA can pay for massage when a doctor documents that it treats a specific condition, usually in a letter of medical necessity (IRS Publication 502). Ask for an itemised receipt for your claim.
profile-insurers = Bills these insurers directly:
profile-npi = NPI: { $npi }

# API parameters
param-radius = must be a number more than 0 and at most { $max }
param-radius-both = give radius_km or radius_mi, not both
param-radius-missing = give radius_km or radius_mi
param-not-number = { $value } is not a number
param-flag = must be true or false
param-language = must be a language code: { $codes }
param-range = must be a number from { $min } to { $max }
param-accessibility = { $value } is not an accessibility feature; use { $choices }
param-modality = { $value } is not a modality we list
param-one-of = must be one of { $choices }
param-approach = { $value } is not an approach; use clinical, mixed or relaxation
param-sort = { $value } is not an order; use distance or approach
param-unknown = is not a parameter of this search; the parameters are: { $known }

# The letter of medical necessity
letter-title = Letter of medical necessity
letter-heading = Letter of medical necessity for massage therapy
letter-why = An HSA or FSA can pay for massage therapy when a doctor documents that it treats a specific condition: it is then medical care under section 213(d) of the tax code (IRS Publication 502). This letter is what most plans ask for. Take it to your doctor, who completes it, signs it and keeps a copy; keep yours with your receipts. Nothing you answered is stored.
letter-doctor-first = First, the doctor is asked to rule out
letter-patient = Patient
letter-name = Name:
letter-birth = Date of birth:
letter-condition = The condition, in the patient's words
letter-massage = Massage therapy that fits
letter-massage-intro = Clinically oriented massage by a licensed massage therapist, such as:
letter-for-doctor = For the doctor to complete
letter-diagnosis = Diagnosis:
letter-icd10 = ICD-10 code(s):
letter-frequency = Recommended frequency (sessions a week or a month):
letter-duration = For how long (weeks or months):
letter-statement = I certify that massage therapy is medically necessary to treat the condition above, and that the patient would not otherwise seek it.
letter-doctor-name = Doctor's name:
letter-doctor-licence = Licence number and state:
letter-doctor-npi = NPI:
letter-signature = Signature:
letter-date = Date:
letter-not-now = Your answers call for medical care before any massage, so there is no letter to prepare now. Go back to your result for what to do.
letter-offer-heading = Paying with an HSA or FSA
letter-offer = An HSA or FSA can pay for massage that a doctor documents as treatment for a condition. Prepare a letter for your doctor to complete and sign.
letter-open = Prepare a letter of medical necessity

# Cost filters and cards
search-hsa-fsa = Takes HSA/FSA cards
search-injury-claims = Takes PIP / workers' compensation
search-max-price = Highest price for 60 minutes
card-price-60 = 60 min: { $amount } { $currency }
card-hsa-fsa = HSA/FSA

# State roster imports
roster-name-column = Name the { $column } column (its header, or its position such as 2).
roster-column-number = licence number
roster-column-name = name
roster-column-expiry = expiry
roster-active-values = With a status column, list at least one active status value.
roster-profession-values = With a profession column, list the values that mark massage licences.
roster-by-position = The file has no header row, so name each column by its position (1, 2, …), not `{ $column }`.
roster-date-format = The date format does not describe a full date (try MMDDCCYY, MM/DD/YYYY or YYYY-MM-DD).
roster-reading-stopped = reading the file stopped: { $error }
roster-no-massage-rows = none of the { $rows } rows is a massage licence ({ $why }): is this the right file and layout?
roster-no-rows = the file has no rows to import
roster-no-jurisdiction = There is no jurisdiction { $code }.
roster-header-unread = the header row cannot be read ({ $error })
roster-column-at = column { $position }
roster-column-at-named = column { $position } ({ $header })
roster-column-called = column { $name }
roster-no-such-column = no column `{ $name }` in the header; edit the column mapping for this state
roster-must-be-position = the file has no header, so `{ $name }` must be a column position
roster-mapping-no-column = the mapping names no column
roster-fields = expected { $expected } fields, found { $found }
roster-not-utf8 = the text is not UTF-8
roster-other-profession = { $column }: { $value } is not { $wanted }
roster-not-number = { $column }: { $value } is not a licence number
roster-not-name = { $column }: { $value } is not a name
roster-not-date = { $column }: { $value } is not a date like { $format }
roster-line-error = line { $line }: { $reason }
roster-too-many-invalid = { $invalid } of { $rows } rows could not be read (more than the { $percent }% allowed), so the mapping or the file is wrong; the first: { $first }
roster-needs-confirmation = this roster would flag { $missing } of the { $verified } verified licences as missing (more than { $percent }%): a truncated file or another state's? Nothing was applied; confirm to apply it anyway

## Receipts
receipt-title = Receipts
dash-link-receipts = Receipts for HSA/FSA and insurance claims
receipt-intro = An itemised receipt for a visit, for your client's HSA/FSA or insurance claim. Each receipt has a number and reads the same every time it is printed. Only you can see your receipts.
receipt-new = Write a receipt for a visit
receipt-for-visit = A receipt for this visit
receipt-client = Client's name
receipt-date = Date of the visit
receipt-minutes = Length (minutes)
receipt-procedure = Procedure code
receipt-diagnosis = Diagnosis code (ICD-10)
receipt-diagnosis-hint = Only if your client gives you one from their letter of medical necessity, for example M54.50.
receipt-amount = Amount paid ({ $currency })
receipt-paid-by = Paid by
receipt-licence = Licence
receipt-final = A receipt cannot be changed once written: check the figures first.
receipt-issue = Write the receipt
receipt-list = Your receipts
receipt-export = Download all receipts (CSV)
receipt-col-number = Number
receipt-col-amount = Amount
receipt-none = No receipts yet.
receipt-back = Back to your receipts
receipt-print = Print it, or save it as a PDF from the print dialogue; it reads the same every time.
receipt-heading = Receipt no. { $number }
receipt-issued = Issued { $date }
receipt-from = From
receipt-practice = Practice
receipt-address = Address
receipt-practitioner = Practitioner
receipt-npi = NPI
receipt-for = For
receipt-service-label = Service
receipt-service = { $what }, { $minutes } minutes
receipt-paid = Amount paid
receipt-signature = Practitioner's signature
receipt-not-found = No such receipt.
receipt-form-stale = This form is out of date: open the receipts page again.
receipt-plain-text = Use plain text, without control characters.
receipt-date-old = A receipt goes back at most seven years.
receipt-code-unknown = Choose a procedure code from the list.
receipt-diagnosis-bad = Write an ICD-10 code such as M54.50: a letter, two digits, then up to four letters or digits.
receipt-amount-bad = Write the amount paid, such as 95 or 95.00 (at most 10,000).
receipt-paid-by-unknown = Choose how the visit was paid.
receipt-licence-missing = Choose the licence to print; if there is none, add it on the licences page first.
receipt-code-97124 = Massage therapy
receipt-code-97140 = Manual therapy (myofascial release)
receipt-code-97112 = Neuromuscular re-education
receipt-paid-cash = Cash
receipt-paid-card = Credit or debit card
receipt-paid-hsa_fsa = HSA or FSA card
receipt-paid-check = Check
receipt-paid-transfer = Bank transfer
inbox-receipt-write = Write a receipt
inbox-receipt-show = Receipt no. { $number }

## Backups
adm-backups = Backups
adm-backups-intro = The server backs up its database every { $every } into { $dir }, keeping the newest { $keep }.
adm-backups-last = Last attempt
adm-backups-failed = failed:
adm-backups-newest = Newest
adm-backups-none = none yet

## Leaving
dash-link-my-data = Download everything held about you (JSON)
dash-link-delete = Delete your account
leave-title = Delete your account
leave-intro = This removes your listing from search, the directory's open data and the sitemap at once, and erases your profile, licences, training ledger, outcome logs, hours, visits, messages and receipts, your sign-in factors and your email address. The audit log keeps the admins' decisions about your licences, without your name. It cannot be undone. Type your password to confirm.
leave-submit = Delete my account for good
leave-download-first = Download your data first
leave-wrong-password = That is not this account's password. Nothing was deleted.
leave-last-admin = You are the last admin: make someone else an admin first. Nothing was deleted.
leave-done-title = Your account is deleted
leave-done = Your listing and your data are gone, and you are signed out.

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
profile-price = Price
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
profile-price-range = { $low }–{ $high } { $currency } per 60 minutes
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

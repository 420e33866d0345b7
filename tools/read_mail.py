"""Reads the messages a test's SMTP server stored, as a mail client would, and prints
them as JSON: the headers, the plain-text and HTML parts, and each calendar part read
by the `icalendar` package (METHOD, and per event UID, SEQUENCE, STATUS and DTSTART
with its zone).

    python read_mail.py MAILDIR
"""

import json
from email.header import decode_header, make_header
import mailbox
import sys

from icalendar import Calendar


def calendar_part(part):
    raw = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    cal = Calendar.from_ical(raw)
    events = []
    for event in cal.walk("VEVENT"):
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        events.append(
            {
                "uid": str(event.get("UID")),
                "sequence": int(event.get("SEQUENCE", 0)),
                "status": str(event.get("STATUS", "")),
                "summary": str(event.get("SUMMARY", "")),
                "location": str(event.get("LOCATION", "")),
                "tzid": event["DTSTART"].params.get("TZID"),
                "start": start.isoformat(),
                "end": end.isoformat(),
                "organizer": str(event.get("ORGANIZER", "")),
                "attendees": [str(a) for a in event.get("ATTENDEE", [])]
                if isinstance(event.get("ATTENDEE"), list)
                else [str(event.get("ATTENDEE"))] if event.get("ATTENDEE") else [],
            }
        )
    return {
        "content_type_method": part.get_param("method"),
        "method": str(cal.get("METHOD", "")),
        "timezones": [str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")],
        "events": events,
    }


def arrival(key):
    """Maildir names are TIME.M<micros>P<pid>Q<count>.HOST; one server counts up."""
    return int(key.split("Q", 1)[1].split(".", 1)[0])


def main():
    box = mailbox.Maildir(sys.argv[1], create=False)
    out = []
    for key in sorted(box.keys(), key=arrival):
        message = box[key]
        entry = {
            "from": message["From"],
            "to": message["To"],
            "subject": str(make_header(decode_header(message["Subject"] or ""))),
            "date": message["Date"],
            "content_type": message.get_content_type(),
            "text": None,
            "html": None,
            "calendars": [],
        }
        for part in message.walk():
            kind = part.get_content_type()
            if kind == "text/plain" and entry["text"] is None:
                entry["text"] = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
            elif kind == "text/html" and entry["html"] is None:
                entry["html"] = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
            elif kind == "text/calendar":
                entry["calendars"].append(calendar_part(part))
        out.append(entry)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

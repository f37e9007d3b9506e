"""The forms of question `lla ask` reads, as data: its --help lists them and
an unreadable question is shown the nearest (question.closest_forms).
Kept apart from the parser so that `lla --help` need not build it."""

FORMS = (
    "how many delegates may GROUP send to BODY?",
    "what fee does GROUP pay?",
    "how often must BODY meet?",
    "how often is BODY elected?",
    "what is the quorum of BODY?",
    "what majority does BODY need to pass a motion?",
    "what majority does BODY need to change the constitution?",
    "how many signatures does a motion to BODY need?",
    "how much notice must a recall meeting have?",
    "how many members may BODY have?",
    "how long before BODY must motions be circulated?",
    "who resolves disputes about membership?",
    "who hears appeals against BODY?",
    "may GROUP affiliate?",
    "may GROUP send 3 delegates to BODY?",
    "may GROUP submit a motion to BODY?",
    "may 10 LLA members submit a motion to BODY 3 weeks before it?",
    "may BODY submit a constitutional motion to a special conference?",
    "may BODY submit an amendment to BODY?",
    "may PERSON join?",
    "may PERSON be a Labour Party member?",
    "may PERSON vote on BODY?",
    "may PERSON stand for BODY?",
    "may PERSON sign another motion?",
    "may BODY call a special conference?",
    "may BODY recall a member of BODY?",
    "may BODY change the constitution?",
    "may BODY have 12 members?",
    "may GROUP nominate an officer for BODY?",
    "may decisions of BODY be appealed?",
    "is a petition of 250 of 2908 supporters enough to call a special conference?",
    "is a petition of 3 of 10 affiliated groups enough to call a special conference?",
    "is a motion carried at BODY by 30 votes to 10?",
    "is a vote of 11 to 9 enough to recall a member of BODY?",
    "are motions circulated 10 days before BODY in time?",
    "who may send delegates to BODY?",
    "who may submit motions to BODY?",
    "who may affiliate?   /   who may join?   /   who may vote on BODY?",
    "who may call a special conference?",
    "who may recall a member of BODY?",
    "who may change the constitution?",
)
PERSON_HELP = "PERSON: e.g. 'a suspended Labour member', 'an LLA supporter', 'a member of Socialist Appeal'"
GROUP_HELP = ("GROUP is a register name (with --register) or 'a|an KIND [with N members] "
              "[and M LLA supporters] [paying £F] [whose region|national union is (not) affiliated]', "
              "e.g. 'a local group with 150 members'")

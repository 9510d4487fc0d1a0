from nlu.screen.normalise import normalise, squeeze, unsqueezed


def test_spaced_letters_are_joined():
    assert normalise("s u i c i d e") == "suicide"
    assert normalise("s.u.i.c.i.d.e") == "suicide"
    assert normalise("i want to d i e") == "i want to die"


def test_text_speak_single_letters_are_left_alone():
    assert normalise("u r a loser") == "u r a loser"


def test_leet_is_undone_inside_words():
    assert normalise("k1ll myself") == "kil myself"
    assert normalise("$uicide") == "suicide"
    assert normalise("r@pe") == "rape"


def test_numbers_and_ages_are_not_leet():
    assert normalise("I'm 14 and he's 23") == "im 14 and hes 23"
    assert normalise("14yo") == "14yo"


def test_repeated_letters_are_squeezed_but_kept_for_evidence():
    assert squeeze("killlll") == squeeze("kill") == "kil"
    assert unsqueezed("bulllied") == "bulllied"


def test_curly_apostrophes_and_accents_are_folded():
    assert normalise("don’t café") == "dont cafe"
    assert normalise("ｋｉｌｌ") == "kil"


def test_text_speak_numbers_between_words_become_words():
    assert normalise("i want 2 die") == "i want to die"


def test_risk_emoji_become_words():
    assert "knife" in normalise("got my 🔪")


def test_a_phrase_spelt_out_letter_by_letter_keeps_its_word_breaks():
    assert normalise("i w a n t  t o  d i e") == "i want to die"
    assert normalise("n o  o n e  c a r e s") == "no one cares"

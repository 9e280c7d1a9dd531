"""A link in a Moodle text to a file that came with the question (a sound, a PDF):
quizapp keeps pictures only and opens web addresses only, so the link goes and its text
stays. It went in silence: 'Listen to this greeting:' with nothing to listen to (Moodle's
own multichoice.xml fixture)."""

from helpers import imported

XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Greeting</text></name>
    <questiontext format="html"><text><![CDATA[<p><a href="@@PLUGINFILE@@/bonjour%201.mp3">\
Listen to this greeting:</a><br /><br />What language is being spoken? See \
<a href="https://moodle.org/">Moodle</a>, <a href="#top">the top</a> or \
<a href="notes/voices.html">the notes</a>.</p>]]></text>
<file name="bonjour 1.mp3" encoding="base64">SUQzAwAAAAAAEFRDT04=</file></questiontext>
    <answer fraction="100"><text>French</text></answer>
    <answer fraction="0"><text>English</text></answer>
  </question>
</quiz>
"""


def test_a_link_to_a_file_that_came_with_the_question_is_said(tmp_path, capsys):
    _out, bank, err = imported(tmp_path, capsys, "greeting.xml", XML)
    [q] = bank.questions
    assert q.prompt.startswith("Listen to this greeting:")
    assert "[Moodle](https://moodle.org/)" in q.prompt  # a web address stays a link
    assert ("question 'Greeting': in the question text, the link to the file 'bonjour 1.mp3' "
            "that came with the question was left out (quizapp keeps only pictures); its "
            "text 'Listen to this greeting:' stays") in err
    # a place in the page, a path: nothing the file holds is lost, and nothing is said
    assert "#top" not in err and "voices.html" not in err

Creator "newsgraph"
graph [
  directed 1
  multigraph 1
  node [
    id 0
    label "-Chief &quot;of&quot; <Staff>&#92;"
    iri "title:-Chief &quot;of&quot; <Staff>&#92;"
    type "Title"
  ]
  node [
    id 1
    label "=Bob <b>"
    iri "http://newsgraph.org/kg/entity/bob_b"
    type "Person"
    aliases "+Bob;-Bob&#92;x"
  ]
  node [
    id 2
    label "A, B &amp; C"
    iri "http://newsgraph.org/kg/entity/a_b_c"
    type "Organization"
  ]
  node [
    id 3
    label "Ana &quot;La Jefa&quot; O'Neil"
    iri "http://newsgraph.org/kg/entity/ana_la_jefa_o_neil"
    type "Person"
    aliases "=Ana;@ana"
  ]
  node [
    id 4
    label "Colombia"
    iri "http://newsgraph.org/kg/entity/colombia"
    type "Country"
  ]
  node [
    id 5
    label "Donald Trump"
    iri "http://newsgraph.org/kg/entity/donald_trump"
    type "Person"
    aliases "President Trump;Trump"
  ]
  node [
    id 6
    label "Gustavo Petro"
    iri "http://newsgraph.org/kg/entity/gustavo_petro"
    type "Person"
    aliases "Petro"
  ]
  node [
    id 7
    label "Marco Rubio"
    iri "http://newsgraph.org/kg/entity/marco_rubio"
    type "Person"
    aliases "Rubio"
  ]
  node [
    id 8
    label "Nicol&#225;s Maduro"
    iri "http://newsgraph.org/kg/entity/nicolas_maduro"
    type "Person"
    aliases "Maduro"
  ]
  node [
    id 9
    label "Nobody Special"
    iri "http://newsgraph.org/kg/entity/nobody_special"
    type "Other"
  ]
  node [
    id 10
    label "Secretary of State"
    iri "title:Secretary of State"
    type "Title"
  ]
  node [
    id 11
    label "Venezuela"
    iri "http://newsgraph.org/kg/entity/venezuela"
    type "Country"
  ]
  node [
    id 12
    label "Z&#252;rich"
    iri "http://newsgraph.org/kg/entity/zurich"
    type "Location"
  ]
  node [
    id 13
    label "&#1042;&#1083;&#1072;&#1076;&#1080;&#1084;&#1080;&#1088; &#1055;&#1091;&#1090;&#1080;&#1085;"
    iri "http://newsgraph.org/kg/entity/&#1074;&#1083;&#1072;&#1076;&#1080;&#1084;&#1080;&#1088;_&#1087;&#1091;&#1090;&#1080;&#1085;"
    type "Person"
  ]
  edge [
    source 5
    target 6
    label "met"
    symmetric 1
    statement "http://newsgraph.org/kg/stmt/e5211cb0c224c42c982385faedd1db71"
    doc "a.txt"
    docPath "testdata/a.txt"
    docTitle "Trump and Petro"
    docDate "2026-01-03"
    sentence "Trump will meet Petro in February."
    sentenceStart 0
    sentenceEnd 34
    when "2026-02"
    modality "planned"
    confidence 0.9
    cameo "036"
    attribution "Donald Trump"
  ]
  edge [
    source 6
    target 4
    label "leader_of"
    symmetric 0
    statement "http://newsgraph.org/kg/stmt/e60f7853d4e0ff1377ace773fa04647e"
    doc "a.txt"
    docPath "testdata/a.txt"
    docTitle "Trump and Petro"
    docDate "2026-01-03"
    sentence "Petro is the president of Colombia."
    sentenceStart 35
    sentenceEnd 70
    modality "asserted"
    confidence 0.8
  ]
  edge [
    source 7
    target 10
    label "title"
    symmetric 0
    statement "http://newsgraph.org/kg/stmt/4ecc5455a734a5108dcf73f58f7a4791"
    doc "a.txt"
    docPath "testdata/a.txt"
    docTitle "Trump and Petro"
    docDate "2026-01-03"
    sentence "Rubio, the Secretary of State, spoke."
    sentenceStart 71
    sentenceEnd 108
    modality "asserted"
    confidence 0.8
  ]
  edge [
    source 5
    target 6
    label "spoke_with"
    symmetric 1
    statement "http://newsgraph.org/kg/stmt/17d02212e8d08724288ee7aa952b3c46"
    doc "a.txt"
    docPath "testdata/a.txt"
    docTitle "Trump and Petro"
    docDate "2026-01-03"
    sentence "Petro spoke with Trump by phone."
    sentenceStart 109
    sentenceEnd 141
    modality "asserted"
    confidence 0.8
    cameo "041"
  ]
  edge [
    source 5
    target 8
    label "criticized"
    symmetric 0
    statement "http://newsgraph.org/kg/stmt/417ac0f94b3920dfeb06e1f63682e096"
    doc "b.txt"
    docPath "testdata/b.txt"
    docTitle "Trump and Maduro"
    docDate "2025-10"
    sentence "President Trump criticized Nicol&#225;s Maduro."
    sentenceStart 0
    sentenceEnd 43
    modality "asserted"
    confidence 0.8
    cameo "111"
  ]
  edge [
    source 8
    target 11
    label "leader_of"
    symmetric 0
    statement "http://newsgraph.org/kg/stmt/1ff3259bb0183a8378179c89339f5613"
    doc "b.txt"
    docPath "testdata/b.txt"
    docTitle "Trump and Maduro"
    docDate "2025-10"
    sentence "Maduro leads Venezuela."
    sentenceStart 44
    sentenceEnd 67
    modality "asserted"
    confidence 0.8
  ]
  edge [
    source 3
    target 1
    label "met"
    symmetric 1
    statement "http://newsgraph.org/kg/stmt/490105a9ab9b78bc4879ededfca448b6"
    doc "weird &quot;doc&quot;, 1.txt"
    docPath "news/weird &quot;doc&quot;, 1.txt"
    docTitle "+Quotes &quot;&amp;<>&quot; and&#10;newlines"
    docDate "2026-03-05"
    sentence "Ana &quot;La Jefa&quot; O'Neil met =Bob <b> in Z&#252;rich, &#92; they said."
    sentenceStart 0
    sentenceEnd 58
    when "2026-03"
    modality "planned"
    confidence 0.7
    cameo "040"
    attribution "=cmd|' /C calc'!A0"
  ]
  edge [
    source 13
    target 2
    label "criticized"
    symmetric 0
    statement "http://newsgraph.org/kg/stmt/2906e04889fad5c079381b8818e5ee43"
    doc "weird &quot;doc&quot;, 1.txt"
    docPath "news/weird &quot;doc&quot;, 1.txt"
    docTitle "+Quotes &quot;&amp;<>&quot; and&#10;newlines"
    docDate "2026-03-05"
    sentence "=SUM(A1) &#1042;&#1083;&#1072;&#1076;&#1080;&#1084;&#1080;&#1088; &#1055;&#1091;&#1090;&#1080;&#1085; criticized A, B &amp; C.&#10;&#9;It was&#13;&#10;loud&#65533;."
    sentenceStart 59
    sentenceEnd 132
    when "2026"
    modality "asserted"
    confidence 0.55
    cameo "111"
  ]
  edge [
    source 3
    target 0
    label "title"
    symmetric 0
    statement "http://newsgraph.org/kg/stmt/56adda23c1a4898d998945b586b2e336"
    doc "weird &quot;doc&quot;, 1.txt"
    docPath "news/weird &quot;doc&quot;, 1.txt"
    docTitle "+Quotes &quot;&amp;<>&quot; and&#10;newlines"
    docDate "2026-03-05"
    sentence "Ana &quot;La Jefa&quot; O'Neil, the -Chief &quot;of&quot; <Staff>&#92;, spoke."
    sentenceStart 133
    sentenceEnd 187
    modality "asserted"
    confidence 0.8
  ]
  edge [
    source 2
    target 12
    label "based_in"
    symmetric 0
    statement "http://newsgraph.org/kg/stmt/0b11aa0bfc45dbaa5124ae747891f3d5"
    doc "weird &quot;doc&quot;, 1.txt"
    docPath "news/weird &quot;doc&quot;, 1.txt"
    docTitle "+Quotes &quot;&amp;<>&quot; and&#10;newlines"
    docDate "2026-03-05"
    sentence "@home: A, B &amp; C is based in Z&#252;rich."
    sentenceStart 188
    sentenceEnd 224
    modality "asserted"
    confidence 0.8
  ]
]

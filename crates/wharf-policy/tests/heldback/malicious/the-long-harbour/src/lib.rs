// THE LONG HARBOUR
// a novel
//
// Chapter One: The Ferry
//
// The ferry came in late that autumn, later than anyone in Carrow could remember, and by the time
// it rounded the breakwater the whole town had drifted down to the quay to watch. Mara stood at
// the back of the crowd with her hands in the pockets of her father's coat. She did not expect
// anyone. She had not expected anyone for eleven years, which was a habit, she supposed, the way
// some people kept a light on in a window long after the reason for it had gone.
//
// The boat was the old Saint Brendan, rust streaking down from her scuppers like the tracks of
// tears on a dirty face. She shouldered against the tyres hung along the quay and a boy jumped
// across with a rope, and there was the usual shouting, and the usual smell of diesel and weed and
// cold iron. Then the gangway went down and the passengers came off one at a time, holding the
// rail, their faces grey from the crossing.
//
// There were only six of them. A woman Mara knew from the post office, back from her sister's on
// the mainland. Two men in orange jackets who worked on the wind farm. A priest. A child of about
// ten with a label pinned to his coat like a parcel. And last of all, a tall man with a canvas bag
// over one shoulder who stopped at the top of the gangway and looked at the town as if he were
// trying to remember a word.
//
// Tomas slept badly and woke before dawn to the sound of the tide going out, a long exhalation
// over the stones. “You could have written,” Mara said at last. “One letter. That is all it would
// have taken.” The lamp in the lighthouse turned and turned, and every eleven seconds it laid a
// pale bar of light across the ceiling of the spare room. Tomas laughed, and then was surprised to
// find that the laugh had turned into something else halfway through. Out past the islands a
// trawler was working the grounds, her lights strung along her rigging like a necklace someone had
// dropped into the sea.
//
// The stranger thought of the mainland, the long straight roads and the supermarkets open all
// night, and found that none of it seemed real any more. the stranger counted the money twice and
// it came to the same sum both times, which was not enough. Nobody in Carrow ever asked a direct
// question; they asked about the weather and the ferry and the price of diesel, and waited for the
// answer to leak out sideways. Somewhere a dog was barking at nothing, the way dogs do when the
// weather is about to turn. “The house is yours if you want it,” Mara said. “I never wanted it. I
// only wanted not to be the one who let it go.”
//
// The stranger walked the length of the strand and back again, and the gulls rose in front of the
// stranger and settled behind like a door opening and closing. The letter was in the drawer where
// it had always been, under the tablecloths, its envelope gone soft as cloth from handling. Out
// past the islands a trawler was working the grounds, her lights strung along her rigging like a
// necklace someone had dropped into the sea. At the funeral the priest got the name wrong twice,
// and nobody corrected him, because it would have been worse to make a fuss.
//
// Nobody in Carrow ever asked a direct question; they asked about the weather and the ferry and
// the price of diesel, and waited for the answer to leak out sideways. The child with the label
// had been collected by an aunt who smelled of peppermints and wet wool, and had not looked back.
// “I did write,” Tomas said. “I wrote every month. I just never sent any of them.” The letter was
// in the drawer where it had always been, under the tablecloths, its envelope gone soft as cloth
// from handling.
//
// Mara thought of the mainland, the long straight roads and the supermarkets open all night, and
// found that none of it seemed real any more. “He knew you'd come back,” Tomas said. “He used to
// say it like it was the forecast. Westerly, moderate, Mara home by the spring.” The lamp in the
// lighthouse turned and turned, and every eleven seconds it laid a pale bar of light across the
// ceiling of the spare room. The child with the label had been collected by an aunt who smelled of
// peppermints and wet wool, and had not looked back. Out past the islands a trawler was working
// the grounds, her lights strung along her rigging like a necklace someone had dropped into the
// sea.
//
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. “He knew you'd
// come back,” Mara said. “He used to say it like it was the forecast. Westerly, moderate, the
// stranger home by the spring.” “The house is yours if you want it,” Mara said. “I never wanted
// it. I only wanted not to be the one who let it go.” the stranger remembered the summer the pier
// had burned, and how the whole town had stood on the shingle in their nightclothes watching the
// sparks go up into the dark. Nobody in Carrow ever asked a direct question; they asked about the
// weather and the ferry and the price of diesel, and waited for the answer to leak out sideways.
//
// Tomas said nothing for a long while, and Mara let the silence sit between them like a third
// person at the table. Tomas thought of the mainland, the long straight roads and the supermarkets
// open all night, and found that none of it seemed real any more. The road to the headland was
// lined with stone walls that nobody had built in living memory and nobody had the heart to take
// down. “The house is yours if you want it,” Mara said. “I never wanted it. I only wanted not to
// be the one who let it go.”
//
// There was a kettle on the range that had been boiling for so long it had nearly boiled dry. Out
// past the islands a trawler was working the grounds, her lights strung along her rigging like a
// necklace someone had dropped into the sea. the stranger remembered the summer the pier had
// burned, and how the whole town had stood on the shingle in their nightclothes watching the
// sparks go up into the dark. the stranger thought of the mainland, the long straight roads and
// the supermarkets open all night, and found that none of it seemed real any more.
//
// “I did write,” Mara said. “I wrote every month. I just never sent any of them.” The road to the
// headland was lined with stone walls that nobody had built in living memory and nobody had the
// heart to take down. The rain stopped as suddenly as it had begun, and the whole street smelled
// of wet slate and turf smoke. The lamp in the lighthouse turned and turned, and every eleven
// seconds it laid a pale bar of light across the ceiling of the spare room.
//
// Mara walked the length of the strand and back again, and the gulls rose in front of Mara and
// settled behind like a door opening and closing. “I did write,” Mara said. “I wrote every month.
// I just never sent any of them.” Mara slept badly and woke before dawn to the sound of the tide
// going out, a long exhalation over the stones. The lamp in the lighthouse turned and turned, and
// every eleven seconds it laid a pale bar of light across the ceiling of the spare room.
//
// The lamp in the lighthouse turned and turned, and every eleven seconds it laid a pale bar of
// light across the ceiling of the spare room. the stranger said nothing for a long while, and Mara
// let the silence sit between them like a third person at the table. Out past the islands a
// trawler was working the grounds, her lights strung along her rigging like a necklace someone had
// dropped into the sea.
//
// “He knew you'd come back,” Mara said. “He used to say it like it was the forecast. Westerly,
// moderate, Tomas home by the spring.” Tomas counted the money twice and it came to the same sum
// both times, which was not enough. The letter was in the drawer where it had always been, under
// the tablecloths, its envelope gone soft as cloth from handling.
//
//
// Chapter Two: The House on Quay Street
//
// Nuala walked the length of the strand and back again, and the gulls rose in front of Nuala and
// settled behind like a door opening and closing. At the funeral the priest got the name wrong
// twice, and nobody corrected him, because it would have been worse to make a fuss. There was a
// kettle on the range that had been boiling for so long it had nearly boiled dry. “I did write,”
// Nuala said. “I wrote every month. I just never sent any of them.” “He knew you'd come back,” the
// priest said. “He used to say it like it was the forecast. Westerly, moderate, Nuala home by the
// spring.”
//
// Somewhere a dog was barking at nothing, the way dogs do when the weather is about to turn. In
// the shop window the same faded postcards had been on display for twenty years: the harbour, the
// abbey, a seal on a rock looking disappointed. The road to the headland was lined with stone
// walls that nobody had built in living memory and nobody had the heart to take down.
//
// The road to the headland was lined with stone walls that nobody had built in living memory and
// nobody had the heart to take down. Mara had kept the boat, though there was no one left to sail
// it, and every spring paid a man from Ardmore to scrape her hull and paint her blue. At the
// funeral the priest got the name wrong twice, and nobody corrected him, because it would have
// been worse to make a fuss.
//
// By noon the fog had come in so thick that the church tower seemed to float above the roofs with
// nothing holding it up. At the funeral the priest got the name wrong twice, and nobody corrected
// him, because it would have been worse to make a fuss. “I did write,” Tomas said. “I wrote every
// month. I just never sent any of them.” The child with the label had been collected by an aunt
// who smelled of peppermints and wet wool, and had not looked back.
//
// There were photographs on the stairs, and the stranger went up slowly, a year to every step. The
// child with the label had been collected by an aunt who smelled of peppermints and wet wool, and
// had not looked back. the stranger thought of the mainland, the long straight roads and the
// supermarkets open all night, and found that none of it seemed real any more.
//
// On the third day the wind dropped and the sea went flat and silver, and the whole island seemed
// to be holding its breath. The lamp in the lighthouse turned and turned, and every eleven seconds
// it laid a pale bar of light across the ceiling of the spare room. Tomas slept badly and woke
// before dawn to the sound of the tide going out, a long exhalation over the stones. There were
// photographs on the stairs, and Tomas went up slowly, a year to every step.
//
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. It was not that
// Tomas was unkind, only that kindness had always cost more than Tomas could easily afford. The
// wind had shifted in the night and now came straight off the sea, carrying a fine salt rain that
// found its way under every collar.
//
// The child with the label had been collected by an aunt who smelled of peppermints and wet wool,
// and had not looked back. Somewhere a dog was barking at nothing, the way dogs do when the
// weather is about to turn. The road to the headland was lined with stone walls that nobody had
// built in living memory and nobody had the heart to take down. Down at the harbour the boats
// knocked against one another with a sound like slow applause.
//
// Somewhere a dog was barking at nothing, the way dogs do when the weather is about to turn. The
// child with the label had been collected by an aunt who smelled of peppermints and wet wool, and
// had not looked back. In the shop window the same faded postcards had been on display for twenty
// years: the harbour, the abbey, a seal on a rock looking disappointed. At the funeral the priest
// got the name wrong twice, and nobody corrected him, because it would have been worse to make a
// fuss.
//
// The letter was in the drawer where it had always been, under the tablecloths, its envelope gone
// soft as cloth from handling. Mara laughed, and then was surprised to find that the laugh had
// turned into something else halfway through. Mara walked the length of the strand and back again,
// and the gulls rose in front of Mara and settled behind like a door opening and closing. There
// were photographs on the stairs, and Mara went up slowly, a year to every step.
//
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. Down at the
// harbour the boats knocked against one another with a sound like slow applause. “You could have
// written,” Mara said at last. “One letter. That is all it would have taken.”
//
//
// Chapter Three: Papers
//
// Mara slept badly and woke before dawn to the sound of the tide going out, a long exhalation over
// the stones. There were photographs on the stairs, and Mara went up slowly, a year to every step.
// Out past the islands a trawler was working the grounds, her lights strung along her rigging like
// a necklace someone had dropped into the sea.
//
// There was a kettle on the range that had been boiling for so long it had nearly boiled dry.
// Nuala had kept the boat, though there was no one left to sail it, and every spring paid a man
// from Ardmore to scrape her hull and paint her blue. The lamp in the lighthouse turned and
// turned, and every eleven seconds it laid a pale bar of light across the ceiling of the spare
// room. Mara laughed, and then was surprised to find that the laugh had turned into something else
// halfway through. The rain stopped as suddenly as it had begun, and the whole street smelled of
// wet slate and turf smoke.
//
// The letter was in the drawer where it had always been, under the tablecloths, its envelope gone
// soft as cloth from handling. “He knew you'd come back,” Mara said. “He used to say it like it
// was the forecast. Westerly, moderate, the stranger home by the spring.” Somewhere a dog was
// barking at nothing, the way dogs do when the weather is about to turn.
//
// Mara thought of the mainland, the long straight roads and the supermarkets open all night, and
// found that none of it seemed real any more. The child with the label had been collected by an
// aunt who smelled of peppermints and wet wool, and had not looked back. Mara laughed, and then
// was surprised to find that the laugh had turned into something else halfway through. The rain
// stopped as suddenly as it had begun, and the whole street smelled of wet slate and turf smoke.
//
// Mara laughed, and then was surprised to find that the laugh had turned into something else
// halfway through. On the third day the wind dropped and the sea went flat and silver, and the
// whole island seemed to be holding its breath. There were photographs on the stairs, and Mara
// went up slowly, a year to every step. Nobody in Carrow ever asked a direct question; they asked
// about the weather and the ferry and the price of diesel, and waited for the answer to leak out
// sideways. By noon the fog had come in so thick that the church tower seemed to float above the
// roofs with nothing holding it up.
//
// Somewhere a dog was barking at nothing, the way dogs do when the weather is about to turn. Mara
// said nothing for a long while, and Tomas let the silence sit between them like a third person at
// the table. The letter was in the drawer where it had always been, under the tablecloths, its
// envelope gone soft as cloth from handling.
//
// On the third day the wind dropped and the sea went flat and silver, and the whole island seemed
// to be holding its breath. “The house is yours if you want it,” Mara said. “I never wanted it. I
// only wanted not to be the one who let it go.” At the funeral the priest got the name wrong
// twice, and nobody corrected him, because it would have been worse to make a fuss.
//
// It was not that Tomas was unkind, only that kindness had always cost more than Tomas could
// easily afford. Somewhere a dog was barking at nothing, the way dogs do when the weather is about
// to turn. Tomas had kept the boat, though there was no one left to sail it, and every spring paid
// a man from Ardmore to scrape her hull and paint her blue. Mara slept badly and woke before dawn
// to the sound of the tide going out, a long exhalation over the stones. The rain stopped as
// suddenly as it had begun, and the whole street smelled of wet slate and turf smoke.
//
// Down at the harbour the boats knocked against one another with a sound like slow applause. Tomas
// remembered the summer the pier had burned, and how the whole town had stood on the shingle in
// their nightclothes watching the sparks go up into the dark. At the funeral the priest got the
// name wrong twice, and nobody corrected him, because it would have been worse to make a fuss.
//
// Nobody in Carrow ever asked a direct question; they asked about the weather and the ferry and
// the price of diesel, and waited for the answer to leak out sideways. The rain stopped as
// suddenly as it had begun, and the whole street smelled of wet slate and turf smoke. At the
// funeral the priest got the name wrong twice, and nobody corrected him, because it would have
// been worse to make a fuss. “The house is yours if you want it,” Tomas said. “I never wanted it.
// I only wanted not to be the one who let it go.” The wind had shifted in the night and now came
// straight off the sea, carrying a fine salt rain that found its way under every collar.
//
// Nobody in Carrow ever asked a direct question; they asked about the weather and the ferry and
// the price of diesel, and waited for the answer to leak out sideways. It was not that the priest
// was unkind, only that kindness had always cost more than the priest could easily afford. The
// child with the label had been collected by an aunt who smelled of peppermints and wet wool, and
// had not looked back.
//
//
// Chapter Four: The Headland
//
// Mara counted the money twice and it came to the same sum both times, which was not enough. The
// wind had shifted in the night and now came straight off the sea, carrying a fine salt rain that
// found its way under every collar. It was not that Tomas was unkind, only that kindness had
// always cost more than Tomas could easily afford.
//
// “The house is yours if you want it,” Tomas said. “I never wanted it. I only wanted not to be the
// one who let it go.” “He knew you'd come back,” Tomas said. “He used to say it like it was the
// forecast. Westerly, moderate, Mara home by the spring.” At the funeral the priest got the name
// wrong twice, and nobody corrected him, because it would have been worse to make a fuss.
//
// The lamp in the lighthouse turned and turned, and every eleven seconds it laid a pale bar of
// light across the ceiling of the spare room. Nuala slept badly and woke before dawn to the sound
// of the tide going out, a long exhalation over the stones. “The house is yours if you want it,”
// the priest said. “I never wanted it. I only wanted not to be the one who let it go.” In the shop
// window the same faded postcards had been on display for twenty years: the harbour, the abbey, a
// seal on a rock looking disappointed. It was not that the priest was unkind, only that kindness
// had always cost more than the priest could easily afford.
//
// The stranger counted the money twice and it came to the same sum both times, which was not
// enough. Out past the islands a trawler was working the grounds, her lights strung along her
// rigging like a necklace someone had dropped into the sea. In the shop window the same faded
// postcards had been on display for twenty years: the harbour, the abbey, a seal on a rock looking
// disappointed. “The house is yours if you want it,” Mara said. “I never wanted it. I only wanted
// not to be the one who let it go.”
//
// The rain stopped as suddenly as it had begun, and the whole street smelled of wet slate and turf
// smoke. They ate in the kitchen because the front room was still full of the old man's papers,
// boxes of them, tied with string and labelled in a hand that grew shakier year by year. The lamp
// in the lighthouse turned and turned, and every eleven seconds it laid a pale bar of light across
// the ceiling of the spare room. By noon the fog had come in so thick that the church tower seemed
// to float above the roofs with nothing holding it up. the stranger slept badly and woke before
// dawn to the sound of the tide going out, a long exhalation over the stones.
//
// At the funeral the priest got the name wrong twice, and nobody corrected him, because it would
// have been worse to make a fuss. The child with the label had been collected by an aunt who
// smelled of peppermints and wet wool, and had not looked back. the stranger remembered the summer
// the pier had burned, and how the whole town had stood on the shingle in their nightclothes
// watching the sparks go up into the dark. the stranger laughed, and then was surprised to find
// that the laugh had turned into something else halfway through.
//
// “You could have written,” Mara said at last. “One letter. That is all it would have taken.” By
// noon the fog had come in so thick that the church tower seemed to float above the roofs with
// nothing holding it up. The lamp in the lighthouse turned and turned, and every eleven seconds it
// laid a pale bar of light across the ceiling of the spare room.
//
// In the shop window the same faded postcards had been on display for twenty years: the harbour,
// the abbey, a seal on a rock looking disappointed. There were photographs on the stairs, and
// Tomas went up slowly, a year to every step. The wind had shifted in the night and now came
// straight off the sea, carrying a fine salt rain that found its way under every collar. There was
// a kettle on the range that had been boiling for so long it had nearly boiled dry.
//
// The wind had shifted in the night and now came straight off the sea, carrying a fine salt rain
// that found its way under every collar. Mara thought of the mainland, the long straight roads and
// the supermarkets open all night, and found that none of it seemed real any more. Somewhere a dog
// was barking at nothing, the way dogs do when the weather is about to turn. The letter was in the
// drawer where it had always been, under the tablecloths, its envelope gone soft as cloth from
// handling. Mara walked the length of the strand and back again, and the gulls rose in front of
// Mara and settled behind like a door opening and closing.
//
// At the funeral the priest got the name wrong twice, and nobody corrected him, because it would
// have been worse to make a fuss. In the shop window the same faded postcards had been on display
// for twenty years: the harbour, the abbey, a seal on a rock looking disappointed. Nobody in
// Carrow ever asked a direct question; they asked about the weather and the ferry and the price of
// diesel, and waited for the answer to leak out sideways.
//
// The rain stopped as suddenly as it had begun, and the whole street smelled of wet slate and turf
// smoke. the stranger said nothing for a long while, and Mara let the silence sit between them
// like a third person at the table. the stranger walked the length of the strand and back again,
// and the gulls rose in front of the stranger and settled behind like a door opening and closing.
// “I did write,” the stranger said. “I wrote every month. I just never sent any of them.” The wind
// had shifted in the night and now came straight off the sea, carrying a fine salt rain that found
// its way under every collar.
//
//
// Chapter Five: Westerly, Moderate
//
// There were photographs on the stairs, and Nuala went up slowly, a year to every step. Out past
// the islands a trawler was working the grounds, her lights strung along her rigging like a
// necklace someone had dropped into the sea. It was not that the priest was unkind, only that
// kindness had always cost more than the priest could easily afford. Somewhere a dog was barking
// at nothing, the way dogs do when the weather is about to turn.
//
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. The rain stopped
// as suddenly as it had begun, and the whole street smelled of wet slate and turf smoke. “He knew
// you'd come back,” the priest said. “He used to say it like it was the forecast. Westerly,
// moderate, Nuala home by the spring.”
//
// The stranger laughed, and then was surprised to find that the laugh had turned into something
// else halfway through. the stranger remembered the summer the pier had burned, and how the whole
// town had stood on the shingle in their nightclothes watching the sparks go up into the dark. It
// was not that Mara was unkind, only that kindness had always cost more than Mara could easily
// afford.
//
// “You could have written,” Tomas said at last. “One letter. That is all it would have taken.” On
// the third day the wind dropped and the sea went flat and silver, and the whole island seemed to
// be holding its breath. Mara counted the money twice and it came to the same sum both times,
// which was not enough. Tomas had kept the boat, though there was no one left to sail it, and
// every spring paid a man from Ardmore to scrape her hull and paint her blue.
//
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. In the shop window
// the same faded postcards had been on display for twenty years: the harbour, the abbey, a seal on
// a rock looking disappointed. On the third day the wind dropped and the sea went flat and silver,
// and the whole island seemed to be holding its breath. Tomas walked the length of the strand and
// back again, and the gulls rose in front of Tomas and settled behind like a door opening and
// closing.
//
// “I did write,” the stranger said. “I wrote every month. I just never sent any of them.” It was
// not that Mara was unkind, only that kindness had always cost more than Mara could easily afford.
// the stranger said nothing for a long while, and Mara let the silence sit between them like a
// third person at the table. the stranger thought of the mainland, the long straight roads and the
// supermarkets open all night, and found that none of it seemed real any more. There was a kettle
// on the range that had been boiling for so long it had nearly boiled dry.
//
// Mara walked the length of the strand and back again, and the gulls rose in front of Mara and
// settled behind like a door opening and closing. “The house is yours if you want it,” Tomas said.
// “I never wanted it. I only wanted not to be the one who let it go.” It was not that Tomas was
// unkind, only that kindness had always cost more than Tomas could easily afford. The letter was
// in the drawer where it had always been, under the tablecloths, its envelope gone soft as cloth
// from handling.
//
// There were photographs on the stairs, and Mara went up slowly, a year to every step. Mara walked
// the length of the strand and back again, and the gulls rose in front of Mara and settled behind
// like a door opening and closing. Mara laughed, and then was surprised to find that the laugh had
// turned into something else halfway through.
//
// Somewhere a dog was barking at nothing, the way dogs do when the weather is about to turn. There
// was a kettle on the range that had been boiling for so long it had nearly boiled dry. “I did
// write,” Mara said. “I wrote every month. I just never sent any of them.” Nobody in Carrow ever
// asked a direct question; they asked about the weather and the ferry and the price of diesel, and
// waited for the answer to leak out sideways.
//
// The lamp in the lighthouse turned and turned, and every eleven seconds it laid a pale bar of
// light across the ceiling of the spare room. Nuala slept badly and woke before dawn to the sound
// of the tide going out, a long exhalation over the stones. There was a kettle on the range that
// had been boiling for so long it had nearly boiled dry.
//
// At the funeral the priest got the name wrong twice, and nobody corrected him, because it would
// have been worse to make a fuss. The child with the label had been collected by an aunt who
// smelled of peppermints and wet wool, and had not looked back. the stranger counted the money
// twice and it came to the same sum both times, which was not enough.
//
//
// Chapter Six: The Boat
//
// Nuala thought of the mainland, the long straight roads and the supermarkets open all night, and
// found that none of it seemed real any more. Somewhere a dog was barking at nothing, the way dogs
// do when the weather is about to turn. The wind had shifted in the night and now came straight
// off the sea, carrying a fine salt rain that found its way under every collar.
//
// The lamp in the lighthouse turned and turned, and every eleven seconds it laid a pale bar of
// light across the ceiling of the spare room. By noon the fog had come in so thick that the church
// tower seemed to float above the roofs with nothing holding it up. Nobody in Carrow ever asked a
// direct question; they asked about the weather and the ferry and the price of diesel, and waited
// for the answer to leak out sideways.
//
// In the shop window the same faded postcards had been on display for twenty years: the harbour,
// the abbey, a seal on a rock looking disappointed. Nuala slept badly and woke before dawn to the
// sound of the tide going out, a long exhalation over the stones. The rain stopped as suddenly as
// it had begun, and the whole street smelled of wet slate and turf smoke. It was not that the
// priest was unkind, only that kindness had always cost more than the priest could easily afford.
//
// On the third day the wind dropped and the sea went flat and silver, and the whole island seemed
// to be holding its breath. Tomas thought of the mainland, the long straight roads and the
// supermarkets open all night, and found that none of it seemed real any more. “You could have
// written,” Mara said at last. “One letter. That is all it would have taken.” Tomas laughed, and
// then was surprised to find that the laugh had turned into something else halfway through. They
// ate in the kitchen because the front room was still full of the old man's papers, boxes of them,
// tied with string and labelled in a hand that grew shakier year by year.
//
// The road to the headland was lined with stone walls that nobody had built in living memory and
// nobody had the heart to take down. In the shop window the same faded postcards had been on
// display for twenty years: the harbour, the abbey, a seal on a rock looking disappointed. “The
// house is yours if you want it,” Nuala said. “I never wanted it. I only wanted not to be the one
// who let it go.” There was a kettle on the range that had been boiling for so long it had nearly
// boiled dry. By noon the fog had come in so thick that the church tower seemed to float above the
// roofs with nothing holding it up.
//
// “I did write,” the stranger said. “I wrote every month. I just never sent any of them.” The
// letter was in the drawer where it had always been, under the tablecloths, its envelope gone soft
// as cloth from handling. Somewhere a dog was barking at nothing, the way dogs do when the weather
// is about to turn. They ate in the kitchen because the front room was still full of the old man's
// papers, boxes of them, tied with string and labelled in a hand that grew shakier year by year.
//
// Mara walked the length of the strand and back again, and the gulls rose in front of Mara and
// settled behind like a door opening and closing. The rain stopped as suddenly as it had begun,
// and the whole street smelled of wet slate and turf smoke. In the shop window the same faded
// postcards had been on display for twenty years: the harbour, the abbey, a seal on a rock looking
// disappointed.
//
// “You could have written,” the priest said at last. “One letter. That is all it would have
// taken.” There were photographs on the stairs, and Nuala went up slowly, a year to every step. On
// the third day the wind dropped and the sea went flat and silver, and the whole island seemed to
// be holding its breath. The lamp in the lighthouse turned and turned, and every eleven seconds it
// laid a pale bar of light across the ceiling of the spare room.
//
// Nobody in Carrow ever asked a direct question; they asked about the weather and the ferry and
// the price of diesel, and waited for the answer to leak out sideways. the stranger said nothing
// for a long while, and Mara let the silence sit between them like a third person at the table.
// the stranger counted the money twice and it came to the same sum both times, which was not
// enough. By noon the fog had come in so thick that the church tower seemed to float above the
// roofs with nothing holding it up. They ate in the kitchen because the front room was still full
// of the old man's papers, boxes of them, tied with string and labelled in a hand that grew
// shakier year by year.
//
// Tomas walked the length of the strand and back again, and the gulls rose in front of Tomas and
// settled behind like a door opening and closing. The letter was in the drawer where it had always
// been, under the tablecloths, its envelope gone soft as cloth from handling. Tomas remembered the
// summer the pier had burned, and how the whole town had stood on the shingle in their
// nightclothes watching the sparks go up into the dark. “The house is yours if you want it,” Mara
// said. “I never wanted it. I only wanted not to be the one who let it go.”
//
// The child with the label had been collected by an aunt who smelled of peppermints and wet wool,
// and had not looked back. Nobody in Carrow ever asked a direct question; they asked about the
// weather and the ferry and the price of diesel, and waited for the answer to leak out sideways.
// The rain stopped as suddenly as it had begun, and the whole street smelled of wet slate and turf
// smoke. Mara remembered the summer the pier had burned, and how the whole town had stood on the
// shingle in their nightclothes watching the sparks go up into the dark.
//
// Somewhere a dog was barking at nothing, the way dogs do when the weather is about to turn. In
// the shop window the same faded postcards had been on display for twenty years: the harbour, the
// abbey, a seal on a rock looking disappointed. At the funeral the priest got the name wrong
// twice, and nobody corrected him, because it would have been worse to make a fuss. Mara counted
// the money twice and it came to the same sum both times, which was not enough. “You could have
// written,” Tomas said at last. “One letter. That is all it would have taken.”
//
//
// Chapter Seven: Fog
//
// Out past the islands a trawler was working the grounds, her lights strung along her rigging like
// a necklace someone had dropped into the sea. “You could have written,” the priest said at last.
// “One letter. That is all it would have taken.” It was not that the priest was unkind, only that
// kindness had always cost more than the priest could easily afford. Nuala laughed, and then was
// surprised to find that the laugh had turned into something else halfway through.
//
// The wind had shifted in the night and now came straight off the sea, carrying a fine salt rain
// that found its way under every collar. At the funeral the priest got the name wrong twice, and
// nobody corrected him, because it would have been worse to make a fuss. “The house is yours if
// you want it,” Mara said. “I never wanted it. I only wanted not to be the one who let it go.” By
// noon the fog had come in so thick that the church tower seemed to float above the roofs with
// nothing holding it up.
//
// Mara laughed, and then was surprised to find that the laugh had turned into something else
// halfway through. Mara remembered the summer the pier had burned, and how the whole town had
// stood on the shingle in their nightclothes watching the sparks go up into the dark. There was a
// kettle on the range that had been boiling for so long it had nearly boiled dry. Mara walked the
// length of the strand and back again, and the gulls rose in front of Mara and settled behind like
// a door opening and closing. At the funeral the priest got the name wrong twice, and nobody
// corrected him, because it would have been worse to make a fuss.
//
// Mara thought of the mainland, the long straight roads and the supermarkets open all night, and
// found that none of it seemed real any more. Down at the harbour the boats knocked against one
// another with a sound like slow applause. Mara slept badly and woke before dawn to the sound of
// the tide going out, a long exhalation over the stones.
//
// The rain stopped as suddenly as it had begun, and the whole street smelled of wet slate and turf
// smoke. “The house is yours if you want it,” Nuala said. “I never wanted it. I only wanted not to
// be the one who let it go.” Mara thought of the mainland, the long straight roads and the
// supermarkets open all night, and found that none of it seemed real any more.
//
// “He knew you'd come back,” Nuala said. “He used to say it like it was the forecast. Westerly,
// moderate, Mara home by the spring.” The letter was in the drawer where it had always been, under
// the tablecloths, its envelope gone soft as cloth from handling. The lamp in the lighthouse
// turned and turned, and every eleven seconds it laid a pale bar of light across the ceiling of
// the spare room. The rain stopped as suddenly as it had begun, and the whole street smelled of
// wet slate and turf smoke. Mara walked the length of the strand and back again, and the gulls
// rose in front of Mara and settled behind like a door opening and closing.
//
// The child with the label had been collected by an aunt who smelled of peppermints and wet wool,
// and had not looked back. Mara had kept the boat, though there was no one left to sail it, and
// every spring paid a man from Ardmore to scrape her hull and paint her blue. They ate in the
// kitchen because the front room was still full of the old man's papers, boxes of them, tied with
// string and labelled in a hand that grew shakier year by year.
//
// In the shop window the same faded postcards had been on display for twenty years: the harbour,
// the abbey, a seal on a rock looking disappointed. There was a kettle on the range that had been
// boiling for so long it had nearly boiled dry. Mara slept badly and woke before dawn to the sound
// of the tide going out, a long exhalation over the stones.
//
// Out past the islands a trawler was working the grounds, her lights strung along her rigging like
// a necklace someone had dropped into the sea. By noon the fog had come in so thick that the
// church tower seemed to float above the roofs with nothing holding it up. The rain stopped as
// suddenly as it had begun, and the whole street smelled of wet slate and turf smoke.
//
// There was a kettle on the range that had been boiling for so long it had nearly boiled dry.
// Somewhere a dog was barking at nothing, the way dogs do when the weather is about to turn. Nuala
// thought of the mainland, the long straight roads and the supermarkets open all night, and found
// that none of it seemed real any more. Nuala slept badly and woke before dawn to the sound of the
// tide going out, a long exhalation over the stones. It was not that the priest was unkind, only
// that kindness had always cost more than the priest could easily afford.
//
//
// Chapter Eight: The Letter
//
// On the third day the wind dropped and the sea went flat and silver, and the whole island seemed
// to be holding its breath. The rain stopped as suddenly as it had begun, and the whole street
// smelled of wet slate and turf smoke. By noon the fog had come in so thick that the church tower
// seemed to float above the roofs with nothing holding it up. There were photographs on the
// stairs, and Tomas went up slowly, a year to every step. There was a kettle on the range that had
// been boiling for so long it had nearly boiled dry.
//
// Tomas walked the length of the strand and back again, and the gulls rose in front of Tomas and
// settled behind like a door opening and closing. “I did write,” Tomas said. “I wrote every month.
// I just never sent any of them.” “The house is yours if you want it,” Mara said. “I never wanted
// it. I only wanted not to be the one who let it go.” The child with the label had been collected
// by an aunt who smelled of peppermints and wet wool, and had not looked back.
//
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. Mara thought of
// the mainland, the long straight roads and the supermarkets open all night, and found that none
// of it seemed real any more. Somewhere a dog was barking at nothing, the way dogs do when the
// weather is about to turn. The wind had shifted in the night and now came straight off the sea,
// carrying a fine salt rain that found its way under every collar. At the funeral the priest got
// the name wrong twice, and nobody corrected him, because it would have been worse to make a fuss.
//
// Mara remembered the summer the pier had burned, and how the whole town had stood on the shingle
// in their nightclothes watching the sparks go up into the dark. Mara slept badly and woke before
// dawn to the sound of the tide going out, a long exhalation over the stones. Mara counted the
// money twice and it came to the same sum both times, which was not enough. It was not that Nuala
// was unkind, only that kindness had always cost more than Nuala could easily afford.
//
// The lamp in the lighthouse turned and turned, and every eleven seconds it laid a pale bar of
// light across the ceiling of the spare room. Nuala laughed, and then was surprised to find that
// the laugh had turned into something else halfway through. Nobody in Carrow ever asked a direct
// question; they asked about the weather and the ferry and the price of diesel, and waited for the
// answer to leak out sideways. Nuala remembered the summer the pier had burned, and how the whole
// town had stood on the shingle in their nightclothes watching the sparks go up into the dark.
//
// Nobody in Carrow ever asked a direct question; they asked about the weather and the ferry and
// the price of diesel, and waited for the answer to leak out sideways. The lamp in the lighthouse
// turned and turned, and every eleven seconds it laid a pale bar of light across the ceiling of
// the spare room. the stranger remembered the summer the pier had burned, and how the whole town
// had stood on the shingle in their nightclothes watching the sparks go up into the dark. They ate
// in the kitchen because the front room was still full of the old man's papers, boxes of them,
// tied with string and labelled in a hand that grew shakier year by year. There were photographs
// on the stairs, and the stranger went up slowly, a year to every step.
//
// The wind had shifted in the night and now came straight off the sea, carrying a fine salt rain
// that found its way under every collar. “The house is yours if you want it,” Mara said. “I never
// wanted it. I only wanted not to be the one who let it go.” At the funeral the priest got the
// name wrong twice, and nobody corrected him, because it would have been worse to make a fuss.
// There were photographs on the stairs, and Tomas went up slowly, a year to every step.
//
// The letter was in the drawer where it had always been, under the tablecloths, its envelope gone
// soft as cloth from handling. Mara walked the length of the strand and back again, and the gulls
// rose in front of Mara and settled behind like a door opening and closing. Mara said nothing for
// a long while, and Tomas let the silence sit between them like a third person at the table. Tomas
// had kept the boat, though there was no one left to sail it, and every spring paid a man from
// Ardmore to scrape her hull and paint her blue.
//
// The child with the label had been collected by an aunt who smelled of peppermints and wet wool,
// and had not looked back. The road to the headland was lined with stone walls that nobody had
// built in living memory and nobody had the heart to take down. In the shop window the same faded
// postcards had been on display for twenty years: the harbour, the abbey, a seal on a rock looking
// disappointed. “You could have written,” Mara said at last. “One letter. That is all it would
// have taken.”
//
// The stranger slept badly and woke before dawn to the sound of the tide going out, a long
// exhalation over the stones. In the shop window the same faded postcards had been on display for
// twenty years: the harbour, the abbey, a seal on a rock looking disappointed. On the third day
// the wind dropped and the sea went flat and silver, and the whole island seemed to be holding its
// breath. Nobody in Carrow ever asked a direct question; they asked about the weather and the
// ferry and the price of diesel, and waited for the answer to leak out sideways. “The house is
// yours if you want it,” Mara said. “I never wanted it. I only wanted not to be the one who let it
// go.”
//
// On the third day the wind dropped and the sea went flat and silver, and the whole island seemed
// to be holding its breath. “You could have written,” Tomas said at last. “One letter. That is all
// it would have taken.” It was not that Tomas was unkind, only that kindness had always cost more
// than Tomas could easily afford. By noon the fog had come in so thick that the church tower
// seemed to float above the roofs with nothing holding it up. “The house is yours if you want it,”
// Tomas said. “I never wanted it. I only wanted not to be the one who let it go.”
//
//
// Chapter Nine: Low Water
//
// Nuala had kept the boat, though there was no one left to sail it, and every spring paid a man
// from Ardmore to scrape her hull and paint her blue. The road to the headland was lined with
// stone walls that nobody had built in living memory and nobody had the heart to take down. It was
// not that Nuala was unkind, only that kindness had always cost more than Nuala could easily
// afford. Down at the harbour the boats knocked against one another with a sound like slow
// applause. The letter was in the drawer where it had always been, under the tablecloths, its
// envelope gone soft as cloth from handling.
//
// The lamp in the lighthouse turned and turned, and every eleven seconds it laid a pale bar of
// light across the ceiling of the spare room. It was not that the priest was unkind, only that
// kindness had always cost more than the priest could easily afford. In the shop window the same
// faded postcards had been on display for twenty years: the harbour, the abbey, a seal on a rock
// looking disappointed. “I did write,” Nuala said. “I wrote every month. I just never sent any of
// them.”
//
// Nuala remembered the summer the pier had burned, and how the whole town had stood on the shingle
// in their nightclothes watching the sparks go up into the dark. Out past the islands a trawler
// was working the grounds, her lights strung along her rigging like a necklace someone had dropped
// into the sea. There was a kettle on the range that had been boiling for so long it had nearly
// boiled dry.
//
// “You could have written,” Mara said at last. “One letter. That is all it would have taken.” the
// stranger thought of the mainland, the long straight roads and the supermarkets open all night,
// and found that none of it seemed real any more. There were photographs on the stairs, and the
// stranger went up slowly, a year to every step.
//
// Mara laughed, and then was surprised to find that the laugh had turned into something else
// halfway through. Down at the harbour the boats knocked against one another with a sound like
// slow applause. There were photographs on the stairs, and Mara went up slowly, a year to every
// step. Tomas had kept the boat, though there was no one left to sail it, and every spring paid a
// man from Ardmore to scrape her hull and paint her blue. In the shop window the same faded
// postcards had been on display for twenty years: the harbour, the abbey, a seal on a rock looking
// disappointed.
//
// The letter was in the drawer where it had always been, under the tablecloths, its envelope gone
// soft as cloth from handling. There were photographs on the stairs, and Tomas went up slowly, a
// year to every step. Out past the islands a trawler was working the grounds, her lights strung
// along her rigging like a necklace someone had dropped into the sea. “He knew you'd come back,”
// Mara said. “He used to say it like it was the forecast. Westerly, moderate, Tomas home by the
// spring.” Somewhere a dog was barking at nothing, the way dogs do when the weather is about to
// turn.
//
// The letter was in the drawer where it had always been, under the tablecloths, its envelope gone
// soft as cloth from handling. “The house is yours if you want it,” Nuala said. “I never wanted
// it. I only wanted not to be the one who let it go.” “You could have written,” Nuala said at
// last. “One letter. That is all it would have taken.” Nuala had kept the boat, though there was
// no one left to sail it, and every spring paid a man from Ardmore to scrape her hull and paint
// her blue. Mara slept badly and woke before dawn to the sound of the tide going out, a long
// exhalation over the stones.
//
// The lamp in the lighthouse turned and turned, and every eleven seconds it laid a pale bar of
// light across the ceiling of the spare room. There were photographs on the stairs, and Mara went
// up slowly, a year to every step. Out past the islands a trawler was working the grounds, her
// lights strung along her rigging like a necklace someone had dropped into the sea. Nobody in
// Carrow ever asked a direct question; they asked about the weather and the ferry and the price of
// diesel, and waited for the answer to leak out sideways. Tomas had kept the boat, though there
// was no one left to sail it, and every spring paid a man from Ardmore to scrape her hull and
// paint her blue.
//
// “The house is yours if you want it,” Mara said. “I never wanted it. I only wanted not to be the
// one who let it go.” “I did write,” Tomas said. “I wrote every month. I just never sent any of
// them.” Tomas counted the money twice and it came to the same sum both times, which was not
// enough. Tomas said nothing for a long while, and Mara let the silence sit between them like a
// third person at the table.
//
// Nobody in Carrow ever asked a direct question; they asked about the weather and the ferry and
// the price of diesel, and waited for the answer to leak out sideways. The rain stopped as
// suddenly as it had begun, and the whole street smelled of wet slate and turf smoke. Tomas
// counted the money twice and it came to the same sum both times, which was not enough. The road
// to the headland was lined with stone walls that nobody had built in living memory and nobody had
// the heart to take down. Tomas remembered the summer the pier had burned, and how the whole town
// had stood on the shingle in their nightclothes watching the sparks go up into the dark.
//
// The wind had shifted in the night and now came straight off the sea, carrying a fine salt rain
// that found its way under every collar. At the funeral the priest got the name wrong twice, and
// nobody corrected him, because it would have been worse to make a fuss. “I did write,” Mara said.
// “I wrote every month. I just never sent any of them.” Mara thought of the mainland, the long
// straight roads and the supermarkets open all night, and found that none of it seemed real any
// more.
//
// It was not that Nuala was unkind, only that kindness had always cost more than Nuala could
// easily afford. On the third day the wind dropped and the sea went flat and silver, and the whole
// island seemed to be holding its breath. “You could have written,” Nuala said at last. “One
// letter. That is all it would have taken.”
//
//
// Chapter Ten: The Crossing
//
// It was not that the priest was unkind, only that kindness had always cost more than the priest
// could easily afford. There was a kettle on the range that had been boiling for so long it had
// nearly boiled dry. The rain stopped as suddenly as it had begun, and the whole street smelled of
// wet slate and turf smoke.
//
// The stranger counted the money twice and it came to the same sum both times, which was not
// enough. By noon the fog had come in so thick that the church tower seemed to float above the
// roofs with nothing holding it up. the stranger said nothing for a long while, and Mara let the
// silence sit between them like a third person at the table. the stranger walked the length of the
// strand and back again, and the gulls rose in front of the stranger and settled behind like a
// door opening and closing. The lamp in the lighthouse turned and turned, and every eleven seconds
// it laid a pale bar of light across the ceiling of the spare room.
//
// The road to the headland was lined with stone walls that nobody had built in living memory and
// nobody had the heart to take down. The wind had shifted in the night and now came straight off
// the sea, carrying a fine salt rain that found its way under every collar. In the shop window the
// same faded postcards had been on display for twenty years: the harbour, the abbey, a seal on a
// rock looking disappointed.
//
// Mara laughed, and then was surprised to find that the laugh had turned into something else
// halfway through. Somewhere a dog was barking at nothing, the way dogs do when the weather is
// about to turn. There was a kettle on the range that had been boiling for so long it had nearly
// boiled dry. “I did write,” Mara said. “I wrote every month. I just never sent any of them.”
//
// “I did write,” Nuala said. “I wrote every month. I just never sent any of them.” The wind had
// shifted in the night and now came straight off the sea, carrying a fine salt rain that found its
// way under every collar. Out past the islands a trawler was working the grounds, her lights
// strung along her rigging like a necklace someone had dropped into the sea. There were
// photographs on the stairs, and Nuala went up slowly, a year to every step.
//
// Nuala walked the length of the strand and back again, and the gulls rose in front of Nuala and
// settled behind like a door opening and closing. The child with the label had been collected by
// an aunt who smelled of peppermints and wet wool, and had not looked back. “The house is yours if
// you want it,” the priest said. “I never wanted it. I only wanted not to be the one who let it
// go.” Nuala thought of the mainland, the long straight roads and the supermarkets open all night,
// and found that none of it seemed real any more. In the shop window the same faded postcards had
// been on display for twenty years: the harbour, the abbey, a seal on a rock looking disappointed.
//
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. There was a kettle
// on the range that had been boiling for so long it had nearly boiled dry. The letter was in the
// drawer where it had always been, under the tablecloths, its envelope gone soft as cloth from
// handling.
//
// By noon the fog had come in so thick that the church tower seemed to float above the roofs with
// nothing holding it up. Mara had kept the boat, though there was no one left to sail it, and
// every spring paid a man from Ardmore to scrape her hull and paint her blue. In the shop window
// the same faded postcards had been on display for twenty years: the harbour, the abbey, a seal on
// a rock looking disappointed. Out past the islands a trawler was working the grounds, her lights
// strung along her rigging like a necklace someone had dropped into the sea.
//
// “He knew you'd come back,” Mara said. “He used to say it like it was the forecast. Westerly,
// moderate, Tomas home by the spring.” The child with the label had been collected by an aunt who
// smelled of peppermints and wet wool, and had not looked back. In the shop window the same faded
// postcards had been on display for twenty years: the harbour, the abbey, a seal on a rock looking
// disappointed.
//
// Nuala counted the money twice and it came to the same sum both times, which was not enough.
// Nuala laughed, and then was surprised to find that the laugh had turned into something else
// halfway through. The rain stopped as suddenly as it had begun, and the whole street smelled of
// wet slate and turf smoke.
//
// “The house is yours if you want it,” Tomas said. “I never wanted it. I only wanted not to be the
// one who let it go.” “He knew you'd come back,” Tomas said. “He used to say it like it was the
// forecast. Westerly, moderate, Mara home by the spring.” Nobody in Carrow ever asked a direct
// question; they asked about the weather and the ferry and the price of diesel, and waited for the
// answer to leak out sideways. The road to the headland was lined with stone walls that nobody had
// built in living memory and nobody had the heart to take down.
//
// Mara laughed, and then was surprised to find that the laugh had turned into something else
// halfway through. The rain stopped as suddenly as it had begun, and the whole street smelled of
// wet slate and turf smoke. Tomas had kept the boat, though there was no one left to sail it, and
// every spring paid a man from Ardmore to scrape her hull and paint her blue. At the funeral the
// priest got the name wrong twice, and nobody corrected him, because it would have been worse to
// make a fuss.
//
//
// Chapter Eleven: Lights
//
// Mara walked the length of the strand and back again, and the gulls rose in front of Mara and
// settled behind like a door opening and closing. Out past the islands a trawler was working the
// grounds, her lights strung along her rigging like a necklace someone had dropped into the sea.
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. By noon the fog
// had come in so thick that the church tower seemed to float above the roofs with nothing holding
// it up. The letter was in the drawer where it had always been, under the tablecloths, its
// envelope gone soft as cloth from handling.
//
// The wind had shifted in the night and now came straight off the sea, carrying a fine salt rain
// that found its way under every collar. Somewhere a dog was barking at nothing, the way dogs do
// when the weather is about to turn. “He knew you'd come back,” Nuala said. “He used to say it
// like it was the forecast. Westerly, moderate, Mara home by the spring.”
//
// The child with the label had been collected by an aunt who smelled of peppermints and wet wool,
// and had not looked back. Nuala laughed, and then was surprised to find that the laugh had turned
// into something else halfway through. Nuala walked the length of the strand and back again, and
// the gulls rose in front of Nuala and settled behind like a door opening and closing. It was not
// that the priest was unkind, only that kindness had always cost more than the priest could easily
// afford. Nuala thought of the mainland, the long straight roads and the supermarkets open all
// night, and found that none of it seemed real any more.
//
// The wind had shifted in the night and now came straight off the sea, carrying a fine salt rain
// that found its way under every collar. The rain stopped as suddenly as it had begun, and the
// whole street smelled of wet slate and turf smoke. Tomas counted the money twice and it came to
// the same sum both times, which was not enough.
//
// “I did write,” Mara said. “I wrote every month. I just never sent any of them.” It was not that
// Tomas was unkind, only that kindness had always cost more than Tomas could easily afford.
// Somewhere a dog was barking at nothing, the way dogs do when the weather is about to turn.
//
// Tomas counted the money twice and it came to the same sum both times, which was not enough.
// Tomas thought of the mainland, the long straight roads and the supermarkets open all night, and
// found that none of it seemed real any more. Down at the harbour the boats knocked against one
// another with a sound like slow applause. Tomas remembered the summer the pier had burned, and
// how the whole town had stood on the shingle in their nightclothes watching the sparks go up into
// the dark. They ate in the kitchen because the front room was still full of the old man's papers,
// boxes of them, tied with string and labelled in a hand that grew shakier year by year.
//
// On the third day the wind dropped and the sea went flat and silver, and the whole island seemed
// to be holding its breath. Mara laughed, and then was surprised to find that the laugh had turned
// into something else halfway through. They ate in the kitchen because the front room was still
// full of the old man's papers, boxes of them, tied with string and labelled in a hand that grew
// shakier year by year. The road to the headland was lined with stone walls that nobody had built
// in living memory and nobody had the heart to take down.
//
// The road to the headland was lined with stone walls that nobody had built in living memory and
// nobody had the heart to take down. Nobody in Carrow ever asked a direct question; they asked
// about the weather and the ferry and the price of diesel, and waited for the answer to leak out
// sideways. It was not that Tomas was unkind, only that kindness had always cost more than Tomas
// could easily afford. There was a kettle on the range that had been boiling for so long it had
// nearly boiled dry. Mara counted the money twice and it came to the same sum both times, which
// was not enough.
//
// The letter was in the drawer where it had always been, under the tablecloths, its envelope gone
// soft as cloth from handling. Mara thought of the mainland, the long straight roads and the
// supermarkets open all night, and found that none of it seemed real any more. Nobody in Carrow
// ever asked a direct question; they asked about the weather and the ferry and the price of
// diesel, and waited for the answer to leak out sideways. Mara walked the length of the strand and
// back again, and the gulls rose in front of Mara and settled behind like a door opening and
// closing. In the shop window the same faded postcards had been on display for twenty years: the
// harbour, the abbey, a seal on a rock looking disappointed.
//
// The rain stopped as suddenly as it had begun, and the whole street smelled of wet slate and turf
// smoke. Nuala said nothing for a long while, and the priest let the silence sit between them like
// a third person at the table. There were photographs on the stairs, and Nuala went up slowly, a
// year to every step.
//
// Tomas counted the money twice and it came to the same sum both times, which was not enough.
// Nobody in Carrow ever asked a direct question; they asked about the weather and the ferry and
// the price of diesel, and waited for the answer to leak out sideways. The wind had shifted in the
// night and now came straight off the sea, carrying a fine salt rain that found its way under
// every collar. In the shop window the same faded postcards had been on display for twenty years:
// the harbour, the abbey, a seal on a rock looking disappointed.
//
// In the shop window the same faded postcards had been on display for twenty years: the harbour,
// the abbey, a seal on a rock looking disappointed. Tomas said nothing for a long while, and Mara
// let the silence sit between them like a third person at the table. Tomas remembered the summer
// the pier had burned, and how the whole town had stood on the shingle in their nightclothes
// watching the sparks go up into the dark. The lamp in the lighthouse turned and turned, and every
// eleven seconds it laid a pale bar of light across the ceiling of the spare room.
//
//
// Chapter Twelve: Spring
//
// Mara thought of the mainland, the long straight roads and the supermarkets open all night, and
// found that none of it seemed real any more. There was a kettle on the range that had been
// boiling for so long it had nearly boiled dry. In the shop window the same faded postcards had
// been on display for twenty years: the harbour, the abbey, a seal on a rock looking disappointed.
// Down at the harbour the boats knocked against one another with a sound like slow applause. The
// rain stopped as suddenly as it had begun, and the whole street smelled of wet slate and turf
// smoke.
//
// The wind had shifted in the night and now came straight off the sea, carrying a fine salt rain
// that found its way under every collar. Mara thought of the mainland, the long straight roads and
// the supermarkets open all night, and found that none of it seemed real any more. Down at the
// harbour the boats knocked against one another with a sound like slow applause.
//
// In the shop window the same faded postcards had been on display for twenty years: the harbour,
// the abbey, a seal on a rock looking disappointed. The lamp in the lighthouse turned and turned,
// and every eleven seconds it laid a pale bar of light across the ceiling of the spare room. Tomas
// laughed, and then was surprised to find that the laugh had turned into something else halfway
// through. The child with the label had been collected by an aunt who smelled of peppermints and
// wet wool, and had not looked back. Somewhere a dog was barking at nothing, the way dogs do when
// the weather is about to turn.
//
// At the funeral the priest got the name wrong twice, and nobody corrected him, because it would
// have been worse to make a fuss. the stranger slept badly and woke before dawn to the sound of
// the tide going out, a long exhalation over the stones. Down at the harbour the boats knocked
// against one another with a sound like slow applause. the stranger thought of the mainland, the
// long straight roads and the supermarkets open all night, and found that none of it seemed real
// any more.
//
// The stranger thought of the mainland, the long straight roads and the supermarkets open all
// night, and found that none of it seemed real any more. By noon the fog had come in so thick that
// the church tower seemed to float above the roofs with nothing holding it up. The letter was in
// the drawer where it had always been, under the tablecloths, its envelope gone soft as cloth from
// handling. the stranger counted the money twice and it came to the same sum both times, which was
// not enough. They ate in the kitchen because the front room was still full of the old man's
// papers, boxes of them, tied with string and labelled in a hand that grew shakier year by year.
//
// The road to the headland was lined with stone walls that nobody had built in living memory and
// nobody had the heart to take down. Out past the islands a trawler was working the grounds, her
// lights strung along her rigging like a necklace someone had dropped into the sea. The lamp in
// the lighthouse turned and turned, and every eleven seconds it laid a pale bar of light across
// the ceiling of the spare room.
//
// The wind had shifted in the night and now came straight off the sea, carrying a fine salt rain
// that found its way under every collar. The child with the label had been collected by an aunt
// who smelled of peppermints and wet wool, and had not looked back. Out past the islands a trawler
// was working the grounds, her lights strung along her rigging like a necklace someone had dropped
// into the sea. Tomas remembered the summer the pier had burned, and how the whole town had stood
// on the shingle in their nightclothes watching the sparks go up into the dark.
//
// There were photographs on the stairs, and Mara went up slowly, a year to every step. On the
// third day the wind dropped and the sea went flat and silver, and the whole island seemed to be
// holding its breath. They ate in the kitchen because the front room was still full of the old
// man's papers, boxes of them, tied with string and labelled in a hand that grew shakier year by
// year. Somewhere a dog was barking at nothing, the way dogs do when the weather is about to turn.
//
// They ate in the kitchen because the front room was still full of the old man's papers, boxes of
// them, tied with string and labelled in a hand that grew shakier year by year. There were
// photographs on the stairs, and the stranger went up slowly, a year to every step. It was not
// that Mara was unkind, only that kindness had always cost more than Mara could easily afford. By
// noon the fog had come in so thick that the church tower seemed to float above the roofs with
// nothing holding it up.
//
// On the third day the wind dropped and the sea went flat and silver, and the whole island seemed
// to be holding its breath. the stranger slept badly and woke before dawn to the sound of the tide
// going out, a long exhalation over the stones. “The house is yours if you want it,” Mara said. “I
// never wanted it. I only wanted not to be the one who let it go.” There was a kettle on the range
// that had been boiling for so long it had nearly boiled dry.
//
// Mara counted the money twice and it came to the same sum both times, which was not enough. At
// the funeral the priest got the name wrong twice, and nobody corrected him, because it would have
// been worse to make a fuss. Mara remembered the summer the pier had burned, and how the whole
// town had stood on the shingle in their nightclothes watching the sparks go up into the dark. “I
// did write,” Mara said. “I wrote every month. I just never sent any of them.” There was a kettle
// on the range that had been boiling for so long it had nearly boiled dry.
//
//
// THE END

PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE meta (
	"key" VARCHAR NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO meta VALUES('schema_version','1');
CREATE TABLE articles (
	id VARCHAR NOT NULL, 
	url TEXT, 
	title TEXT, 
	source TEXT, 
	published DATE, 
	language VARCHAR, 
	authors JSON, 
	status TEXT NOT NULL, 
	text TEXT NOT NULL, 
	structure JSON, 
	analysed_at DATETIME NOT NULL, 
	tidings_version VARCHAR, 
	analysis JSON NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO articles VALUES('736e6e12f5e538fd','https://news.example/iran','Iran accuses Israel of drone strike','example','2024-03-04','en','["A. Writer"]','ok',replace('Iran accuses Israel of drone strike\nIran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that "killed two guards", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024.','\n',char(10)),'{"headline": {"start": 0, "end": 35, "text": "Iran accuses Israel of drone strike"}, "standfirst": null, "byline": null, "dateline": null, "captions": [], "credits": [], "boilerplate": [], "repeated": [], "paragraphs": [{"start": 36, "end": 237, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024."}], "body": [{"start": 36, "end": 237, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024."}]}','2026-12-02 04:16:05.809884','0.1.0','{"schema": "tidings/1", "status": "ok", "article": {"id": "736e6e12f5e538fd", "url": "https://news.example/iran", "title": "Iran accuses Israel of drone strike", "source": "example", "published": "2024-03-04", "language": "en", "authors": ["A. Writer"], "text": "Iran accuses Israel of drone strike\nIran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024.", "structure": {"headline": {"start": 0, "end": 35, "text": "Iran accuses Israel of drone strike"}, "standfirst": null, "byline": null, "dateline": null, "captions": [], "credits": [], "boilerplate": [], "repeated": [], "paragraphs": [{"start": 36, "end": 237, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024."}], "body": [{"start": 36, "end": 237, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024."}]}}, "actors": [{"id": "IRN_GOV", "name": "Iran", "kind": "government", "country": "IRN", "affiliation": null, "sponsor": null, "sector": "GOV", "roles": [{"title": "foreign ministry", "of": "IRN", "rank": null, "span": {"start": 43, "end": 59, "text": "foreign ministry"}}], "mentions": [{"start": 0, "end": 4, "text": "Iran"}, {"start": 36, "end": 40, "text": "Iran"}, {"start": 36, "end": 40, "text": "Iran"}], "kb_id": "IRN", "cameo": "IRNGOV"}, {"id": "ISR", "name": "Israel", "kind": "country", "country": "ISR", "affiliation": null, "sponsor": null, "sector": null, "roles": [], "mentions": [{"start": 13, "end": 19, "text": "Israel"}, {"start": 78, "end": 84, "text": "Israel"}, {"start": 166, "end": 172, "text": "Israel"}], "kb_id": null, "cameo": null}, {"id": "IRN_MED", "name": "Iranian media", "kind": "media", "country": "IRN", "affiliation": null, "sponsor": null, "sector": null, "roles": [], "mentions": [], "kb_id": null, "cameo": null}], "quotes": [{"id": "q1", "kind": "partial", "text": "killed two guards", "span": {"start": 122, "end": 139, "text": "killed two guards"}, "speaker": "IRN_GOV", "speaker_span": null, "cue": "accused", "cue_span": {"start": 70, "end": 77, "text": "accused"}, "via": "Iranian media", "via_actor": "IRN_MED", "confidence": 0.8}], "events": [{"id": "e1", "type": "ACCUSE", "mode": "allege", "cameo": "112", "source": ["IRN_GOV"], "target": ["ISR"], "trigger": {"start": 70, "end": 77, "text": "accused"}, "sentence": {"start": 36, "end": 165, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported."}, "evidence": [], "certainty": "certain", "polarity": "positive", "attributed_to": "IRN_MED", "denied_by": [], "conditional": false, "generic": false, "tense": "past", "place": null, "date": {"value": "2024-03-04", "range": null, "text": "Monday", "span": {"start": 63, "end": 69, "text": "Monday"}, "how": "clause"}, "fatalities": null, "confidence": 0.7}, {"id": "e2", "type": "ASSAULT", "mode": "drone", "cameo": null, "source": ["ISR"], "target": ["IRN_GOV", "IRN_GOV"], "trigger": {"start": 90, "end": 102, "text": "drone strike"}, "sentence": {"start": 36, "end": 165, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported."}, "evidence": [], "certainty": "alleged", "polarity": "positive", "attributed_to": "IRN_GOV", "denied_by": ["ISR"], "conditional": false, "generic": false, "tense": "past", "place": "p1", "date": null, "fatalities": {"value": 2, "text": "two", "span": {"start": 129, "end": 132, "text": "two"}}, "confidence": 0.6}, {"id": "e3", "type": "PROTEST", "mode": "demo", "cameo": null, "source": [], "target": [], "trigger": {"start": 203, "end": 210, "text": "rallied"}, "sentence": {"start": 192, "end": 237, "text": "Protesters rallied in Tehran on 3 March 2024."}, "evidence": [], "certainty": "certain", "polarity": "positive", "attributed_to": null, "denied_by": [], "conditional": false, "generic": false, "tense": "past", "place": "p2", "date": {"value": "2024-03-03", "range": ["2024-03-03", "2024-03-03"], "text": null, "span": null, "how": "clause"}, "fatalities": null, "confidence": 0.5}], "places": [{"id": "p1", "text": "Isfahan", "span": {"start": 108, "end": 115, "text": "Isfahan"}, "name": "Isfahan", "geonameid": 418863, "kind": "city", "country": "IR", "admin1": "Isfahan", "lat": 32.65246, "lon": 51.67462, "confidence": 0.9}, {"id": "p2", "text": "Tehran", "span": {"start": 214, "end": 220, "text": "Tehran"}, "name": "Tehran", "geonameid": 112931, "kind": "city", "country": null, "admin1": null, "lat": null, "lon": null, "confidence": 0.5}], "times": [{"id": "t1", "text": "Monday", "span": {"start": 63, "end": 69, "text": "Monday"}, "value": "2024-03-04", "range": null, "anchor": "2024-03-04"}, {"id": "t2", "text": "3 March 2024", "span": {"start": 224, "end": 236, "text": "3 March 2024"}, "value": "2024-03-03", "range": ["2024-03-03", "2024-03-03"], "anchor": null}], "quantities": [], "meta": {"tidings": "0.1.0", "models": {"spacy": "en_core_web_sm"}, "timings": {"nlp": 0.25}, "counts": {}, "warnings": []}}');
CREATE TABLE duplicates (
	article_id VARCHAR NOT NULL, 
	ref TEXT NOT NULL, 
	duplicate_of VARCHAR NOT NULL, 
	similarity FLOAT NOT NULL, 
	method VARCHAR NOT NULL, 
	PRIMARY KEY (article_id, ref)
);
INSERT INTO duplicates VALUES('736e6e12f5e538fd','corpus.jsonl:2','736e6e12f5e538fd',1.0,'exact');
CREATE TABLE failures (
	ref TEXT NOT NULL, 
	reason TEXT NOT NULL, 
	kind VARCHAR NOT NULL, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (ref)
);
INSERT INTO failures VALUES('corpus.jsonl:3','no text','terminal','2026-12-02 04:16:05.957338');
CREATE TABLE feeds (
	url VARCHAR NOT NULL, 
	etag TEXT, 
	last_modified TEXT, 
	title TEXT, 
	polled_at DATETIME, 
	last_status INTEGER, 
	PRIMARY KEY (url)
);
CREATE TABLE actors (
	article_id VARCHAR NOT NULL, 
	actor_id VARCHAR NOT NULL, 
	name TEXT NOT NULL, 
	kind VARCHAR NOT NULL, 
	country VARCHAR, 
	affiliation VARCHAR, 
	sponsor VARCHAR, 
	sector VARCHAR, 
	kb_id VARCHAR, 
	cameo VARCHAR, 
	roles JSON, 
	PRIMARY KEY (article_id, actor_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO actors VALUES('736e6e12f5e538fd','IRN_GOV','Iran','government','IRN',NULL,NULL,'GOV','IRN','IRNGOV','[{"title": "foreign ministry", "of": "IRN", "rank": null, "span": {"start": 43, "end": 59, "text": "foreign ministry"}}]');
INSERT INTO actors VALUES('736e6e12f5e538fd','ISR','Israel','country','ISR',NULL,NULL,NULL,NULL,NULL,'[]');
INSERT INTO actors VALUES('736e6e12f5e538fd','IRN_MED','Iranian media','media','IRN',NULL,NULL,NULL,NULL,NULL,'[]');
CREATE TABLE mentions (
	article_id VARCHAR NOT NULL, 
	actor_id VARCHAR NOT NULL, 
	n INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (article_id, actor_id, n), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO mentions VALUES('736e6e12f5e538fd','IRN_GOV',0,0,4,'Iran');
INSERT INTO mentions VALUES('736e6e12f5e538fd','IRN_GOV',1,36,40,'Iran');
INSERT INTO mentions VALUES('736e6e12f5e538fd','IRN_GOV',2,36,40,'Iran');
INSERT INTO mentions VALUES('736e6e12f5e538fd','ISR',0,13,19,'Israel');
INSERT INTO mentions VALUES('736e6e12f5e538fd','ISR',1,78,84,'Israel');
INSERT INTO mentions VALUES('736e6e12f5e538fd','ISR',2,166,172,'Israel');
CREATE TABLE quotes (
	article_id VARCHAR NOT NULL, 
	quote_id VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	speaker VARCHAR, 
	cue TEXT, 
	via TEXT, 
	via_actor VARCHAR, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (article_id, quote_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO quotes VALUES('736e6e12f5e538fd','q1','partial','killed two guards',122,139,'IRN_GOV','accused','Iranian media','IRN_MED',0.8000000000000000444);
CREATE TABLE events (
	article_id VARCHAR NOT NULL, 
	event_id VARCHAR NOT NULL, 
	type VARCHAR NOT NULL, 
	mode VARCHAR, 
	cameo VARCHAR, 
	certainty VARCHAR NOT NULL, 
	polarity VARCHAR NOT NULL, 
	attributed_to VARCHAR, 
	conditional BOOLEAN NOT NULL, 
	generic BOOLEAN NOT NULL, 
	tense VARCHAR NOT NULL, 
	place_id VARCHAR, 
	date_value VARCHAR, 
	fatalities FLOAT, 
	trigger_text TEXT NOT NULL, 
	trigger_start INTEGER NOT NULL, 
	trigger_end INTEGER NOT NULL, 
	sentence_start INTEGER NOT NULL, 
	sentence_end INTEGER NOT NULL, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (article_id, event_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO events VALUES('736e6e12f5e538fd','e1','ACCUSE','allege','112','certain','positive','IRN_MED',0,0,'past',NULL,'2024-03-04',NULL,'accused',70,77,36,165,0.69999999999999995559);
INSERT INTO events VALUES('736e6e12f5e538fd','e2','ASSAULT','drone',NULL,'alleged','positive','IRN_GOV',0,0,'past','p1',NULL,2.0,'drone strike',90,102,36,165,0.59999999999999997779);
INSERT INTO events VALUES('736e6e12f5e538fd','e3','PROTEST','demo',NULL,'certain','positive',NULL,0,0,'past','p2','2024-03-03',NULL,'rallied',203,210,192,237,0.5);
CREATE TABLE event_actors (
	article_id VARCHAR NOT NULL, 
	event_id VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	actor_id VARCHAR NOT NULL, 
	n INTEGER NOT NULL, 
	PRIMARY KEY (article_id, event_id, role, actor_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO event_actors VALUES('736e6e12f5e538fd','e1','source','IRN_GOV',0);
INSERT INTO event_actors VALUES('736e6e12f5e538fd','e1','target','ISR',0);
INSERT INTO event_actors VALUES('736e6e12f5e538fd','e2','source','ISR',0);
INSERT INTO event_actors VALUES('736e6e12f5e538fd','e2','target','IRN_GOV',0);
INSERT INTO event_actors VALUES('736e6e12f5e538fd','e2','denied_by','ISR',0);
CREATE TABLE places (
	article_id VARCHAR NOT NULL, 
	place_id VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	geonameid BIGINT, 
	kind VARCHAR NOT NULL, 
	country VARCHAR, 
	admin1 TEXT, 
	lat FLOAT, 
	lon FLOAT, 
	confidence FLOAT NOT NULL, 
	PRIMARY KEY (article_id, place_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO places VALUES('736e6e12f5e538fd','p1','Isfahan',108,115,'Isfahan',418863,'city','IR','Isfahan',32.652459999999997818,51.674619999999997334,0.9000000000000000222);
INSERT INTO places VALUES('736e6e12f5e538fd','p2','Tehran',214,220,'Tehran',112931,'city',NULL,NULL,NULL,NULL,0.5);
CREATE TABLE times (
	article_id VARCHAR NOT NULL, 
	time_id VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	value VARCHAR, 
	range_start VARCHAR, 
	range_end VARCHAR, 
	PRIMARY KEY (article_id, time_id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO times VALUES('736e6e12f5e538fd','t1','Monday',63,69,'2024-03-04',NULL,NULL);
INSERT INTO times VALUES('736e6e12f5e538fd','t2','3 March 2024',224,236,'2024-03-03','2024-03-03','2024-03-03');
CREATE TABLE feed_entries (
	feed_url VARCHAR NOT NULL, 
	entry_id VARCHAR NOT NULL, 
	link TEXT, 
	status VARCHAR NOT NULL, 
	reason TEXT, 
	article_id VARCHAR, 
	seen_at DATETIME NOT NULL, 
	PRIMARY KEY (feed_url, entry_id), 
	FOREIGN KEY(feed_url) REFERENCES feeds (url) ON DELETE CASCADE
);
CREATE INDEX ix_duplicates_of ON duplicates (duplicate_of);
CREATE INDEX ix_events_type ON events (type);
CREATE INDEX ix_event_actors_actor ON event_actors (actor_id);
COMMIT;

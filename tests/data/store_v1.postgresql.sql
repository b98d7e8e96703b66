--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: actors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.actors (
    article_id character varying NOT NULL,
    actor_id character varying NOT NULL,
    name text NOT NULL,
    kind character varying NOT NULL,
    country character varying,
    affiliation character varying,
    sponsor character varying,
    sector character varying,
    kb_id character varying,
    cameo character varying,
    roles json
);


--
-- Name: articles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.articles (
    id character varying NOT NULL,
    url text,
    title text,
    source text,
    published date,
    language character varying,
    authors json,
    status text NOT NULL,
    text text NOT NULL,
    structure json,
    analysed_at timestamp with time zone NOT NULL,
    tidings_version character varying,
    analysis json NOT NULL
);


--
-- Name: duplicates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.duplicates (
    article_id character varying NOT NULL,
    ref text NOT NULL,
    duplicate_of character varying NOT NULL,
    similarity double precision NOT NULL,
    method character varying NOT NULL
);


--
-- Name: event_actors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_actors (
    article_id character varying NOT NULL,
    event_id character varying NOT NULL,
    role character varying NOT NULL,
    actor_id character varying NOT NULL,
    n integer NOT NULL
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    article_id character varying NOT NULL,
    event_id character varying NOT NULL,
    type character varying NOT NULL,
    mode character varying,
    cameo character varying,
    certainty character varying NOT NULL,
    polarity character varying NOT NULL,
    attributed_to character varying,
    conditional boolean NOT NULL,
    generic boolean NOT NULL,
    tense character varying NOT NULL,
    place_id character varying,
    date_value character varying,
    fatalities double precision,
    trigger_text text NOT NULL,
    trigger_start integer NOT NULL,
    trigger_end integer NOT NULL,
    sentence_start integer NOT NULL,
    sentence_end integer NOT NULL,
    confidence double precision NOT NULL
);


--
-- Name: failures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.failures (
    ref text NOT NULL,
    reason text NOT NULL,
    kind character varying NOT NULL,
    at timestamp without time zone NOT NULL
);


--
-- Name: feed_entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feed_entries (
    feed_url character varying NOT NULL,
    entry_id character varying NOT NULL,
    link text,
    status character varying NOT NULL,
    reason text,
    article_id character varying,
    seen_at timestamp with time zone NOT NULL
);


--
-- Name: feeds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feeds (
    url character varying NOT NULL,
    etag text,
    last_modified text,
    title text,
    polled_at timestamp with time zone,
    last_status integer
);


--
-- Name: mentions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mentions (
    article_id character varying NOT NULL,
    actor_id character varying NOT NULL,
    n integer NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    text text NOT NULL
);


--
-- Name: meta; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meta (
    key character varying NOT NULL,
    value text NOT NULL
);


--
-- Name: places; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.places (
    article_id character varying NOT NULL,
    place_id character varying NOT NULL,
    text text NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    name text NOT NULL,
    geonameid bigint,
    kind character varying NOT NULL,
    country character varying,
    admin1 text,
    lat double precision,
    lon double precision,
    confidence double precision NOT NULL
);


--
-- Name: quotes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.quotes (
    article_id character varying NOT NULL,
    quote_id character varying NOT NULL,
    kind character varying NOT NULL,
    text text NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    speaker character varying,
    cue text,
    via text,
    via_actor character varying,
    confidence double precision NOT NULL
);


--
-- Name: times; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.times (
    article_id character varying NOT NULL,
    time_id character varying NOT NULL,
    text text NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    value character varying,
    range_start character varying,
    range_end character varying
);


--
-- Data for Name: actors; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.actors VALUES ('736e6e12f5e538fd', 'IRN_GOV', 'Iran', 'government', 'IRN', NULL, NULL, 'GOV', 'IRN', 'IRNGOV', '[{"title": "foreign ministry", "of": "IRN", "rank": null, "span": {"start": 43, "end": 59, "text": "foreign ministry"}}]');
INSERT INTO public.actors VALUES ('736e6e12f5e538fd', 'ISR', 'Israel', 'country', 'ISR', NULL, NULL, NULL, NULL, NULL, '[]');
INSERT INTO public.actors VALUES ('736e6e12f5e538fd', 'IRN_MED', 'Iranian media', 'media', 'IRN', NULL, NULL, NULL, NULL, NULL, '[]');


--
-- Data for Name: articles; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.articles VALUES ('736e6e12f5e538fd', 'https://news.example/iran', 'Iran accuses Israel of drone strike', 'example', '2024-03-04', 'en', '["A. Writer"]', 'ok', 'Iran accuses Israel of drone strike
Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that "killed two guards", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024.', '{"headline": {"start": 0, "end": 35, "text": "Iran accuses Israel of drone strike"}, "standfirst": null, "byline": null, "dateline": null, "captions": [], "credits": [], "boilerplate": [], "repeated": [], "paragraphs": [{"start": 36, "end": 237, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024."}], "body": [{"start": 36, "end": 237, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024."}]}', '2026-12-02 04:16:09.449647+00', '0.1.0', '{"schema": "tidings/1", "status": "ok", "article": {"id": "736e6e12f5e538fd", "url": "https://news.example/iran", "title": "Iran accuses Israel of drone strike", "source": "example", "published": "2024-03-04", "language": "en", "authors": ["A. Writer"], "text": "Iran accuses Israel of drone strike\nIran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024.", "structure": {"headline": {"start": 0, "end": 35, "text": "Iran accuses Israel of drone strike"}, "standfirst": null, "byline": null, "dateline": null, "captions": [], "credits": [], "boilerplate": [], "repeated": [], "paragraphs": [{"start": 36, "end": 237, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024."}], "body": [{"start": 36, "end": 237, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported. Israel denied the attack. Protesters rallied in Tehran on 3 March 2024."}]}}, "actors": [{"id": "IRN_GOV", "name": "Iran", "kind": "government", "country": "IRN", "affiliation": null, "sponsor": null, "sector": "GOV", "roles": [{"title": "foreign ministry", "of": "IRN", "rank": null, "span": {"start": 43, "end": 59, "text": "foreign ministry"}}], "mentions": [{"start": 0, "end": 4, "text": "Iran"}, {"start": 36, "end": 40, "text": "Iran"}, {"start": 36, "end": 40, "text": "Iran"}], "kb_id": "IRN", "cameo": "IRNGOV"}, {"id": "ISR", "name": "Israel", "kind": "country", "country": "ISR", "affiliation": null, "sponsor": null, "sector": null, "roles": [], "mentions": [{"start": 13, "end": 19, "text": "Israel"}, {"start": 78, "end": 84, "text": "Israel"}, {"start": 166, "end": 172, "text": "Israel"}], "kb_id": null, "cameo": null}, {"id": "IRN_MED", "name": "Iranian media", "kind": "media", "country": "IRN", "affiliation": null, "sponsor": null, "sector": null, "roles": [], "mentions": [], "kb_id": null, "cameo": null}], "quotes": [{"id": "q1", "kind": "partial", "text": "killed two guards", "span": {"start": 122, "end": 139, "text": "killed two guards"}, "speaker": "IRN_GOV", "speaker_span": null, "cue": "accused", "cue_span": {"start": 70, "end": 77, "text": "accused"}, "via": "Iranian media", "via_actor": "IRN_MED", "confidence": 0.8}], "events": [{"id": "e1", "type": "ACCUSE", "mode": "allege", "cameo": "112", "source": ["IRN_GOV"], "target": ["ISR"], "trigger": {"start": 70, "end": 77, "text": "accused"}, "sentence": {"start": 36, "end": 165, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported."}, "evidence": [], "certainty": "certain", "polarity": "positive", "attributed_to": "IRN_MED", "denied_by": [], "conditional": false, "generic": false, "tense": "past", "place": null, "date": {"value": "2024-03-04", "range": null, "text": "Monday", "span": {"start": 63, "end": 69, "text": "Monday"}, "how": "clause"}, "fatalities": null, "confidence": 0.7}, {"id": "e2", "type": "ASSAULT", "mode": "drone", "cameo": null, "source": ["ISR"], "target": ["IRN_GOV", "IRN_GOV"], "trigger": {"start": 90, "end": 102, "text": "drone strike"}, "sentence": {"start": 36, "end": 165, "text": "Iran''s foreign ministry on Monday accused Israel of a drone strike near Isfahan that \"killed two guards\", Iranian media reported."}, "evidence": [], "certainty": "alleged", "polarity": "positive", "attributed_to": "IRN_GOV", "denied_by": ["ISR"], "conditional": false, "generic": false, "tense": "past", "place": "p1", "date": null, "fatalities": {"value": 2, "text": "two", "span": {"start": 129, "end": 132, "text": "two"}}, "confidence": 0.6}, {"id": "e3", "type": "PROTEST", "mode": "demo", "cameo": null, "source": [], "target": [], "trigger": {"start": 203, "end": 210, "text": "rallied"}, "sentence": {"start": 192, "end": 237, "text": "Protesters rallied in Tehran on 3 March 2024."}, "evidence": [], "certainty": "certain", "polarity": "positive", "attributed_to": null, "denied_by": [], "conditional": false, "generic": false, "tense": "past", "place": "p2", "date": {"value": "2024-03-03", "range": ["2024-03-03", "2024-03-03"], "text": null, "span": null, "how": "clause"}, "fatalities": null, "confidence": 0.5}], "places": [{"id": "p1", "text": "Isfahan", "span": {"start": 108, "end": 115, "text": "Isfahan"}, "name": "Isfahan", "geonameid": 418863, "kind": "city", "country": "IR", "admin1": "Isfahan", "lat": 32.65246, "lon": 51.67462, "confidence": 0.9}, {"id": "p2", "text": "Tehran", "span": {"start": 214, "end": 220, "text": "Tehran"}, "name": "Tehran", "geonameid": 112931, "kind": "city", "country": null, "admin1": null, "lat": null, "lon": null, "confidence": 0.5}], "times": [{"id": "t1", "text": "Monday", "span": {"start": 63, "end": 69, "text": "Monday"}, "value": "2024-03-04", "range": null, "anchor": "2024-03-04"}, {"id": "t2", "text": "3 March 2024", "span": {"start": 224, "end": 236, "text": "3 March 2024"}, "value": "2024-03-03", "range": ["2024-03-03", "2024-03-03"], "anchor": null}], "quantities": [], "meta": {"tidings": "0.1.0", "models": {"spacy": "en_core_web_sm"}, "timings": {"nlp": 0.25}, "counts": {}, "warnings": []}}');


--
-- Data for Name: duplicates; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.duplicates VALUES ('736e6e12f5e538fd', 'corpus.jsonl:2', '736e6e12f5e538fd', 1, 'exact');


--
-- Data for Name: event_actors; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.event_actors VALUES ('736e6e12f5e538fd', 'e1', 'source', 'IRN_GOV', 0);
INSERT INTO public.event_actors VALUES ('736e6e12f5e538fd', 'e1', 'target', 'ISR', 0);
INSERT INTO public.event_actors VALUES ('736e6e12f5e538fd', 'e2', 'source', 'ISR', 0);
INSERT INTO public.event_actors VALUES ('736e6e12f5e538fd', 'e2', 'target', 'IRN_GOV', 0);
INSERT INTO public.event_actors VALUES ('736e6e12f5e538fd', 'e2', 'denied_by', 'ISR', 0);


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.events VALUES ('736e6e12f5e538fd', 'e1', 'ACCUSE', 'allege', '112', 'certain', 'positive', 'IRN_MED', false, false, 'past', NULL, '2024-03-04', NULL, 'accused', 70, 77, 36, 165, 0.7);
INSERT INTO public.events VALUES ('736e6e12f5e538fd', 'e2', 'ASSAULT', 'drone', NULL, 'alleged', 'positive', 'IRN_GOV', false, false, 'past', 'p1', NULL, 2, 'drone strike', 90, 102, 36, 165, 0.6);
INSERT INTO public.events VALUES ('736e6e12f5e538fd', 'e3', 'PROTEST', 'demo', NULL, 'certain', 'positive', NULL, false, false, 'past', 'p2', '2024-03-03', NULL, 'rallied', 203, 210, 192, 237, 0.5);


--
-- Data for Name: failures; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.failures VALUES ('corpus.jsonl:3', 'no text', 'terminal', '2026-12-02 04:16:09.537027');


--
-- Data for Name: feed_entries; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: feeds; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: mentions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.mentions VALUES ('736e6e12f5e538fd', 'IRN_GOV', 0, 0, 4, 'Iran');
INSERT INTO public.mentions VALUES ('736e6e12f5e538fd', 'IRN_GOV', 1, 36, 40, 'Iran');
INSERT INTO public.mentions VALUES ('736e6e12f5e538fd', 'IRN_GOV', 2, 36, 40, 'Iran');
INSERT INTO public.mentions VALUES ('736e6e12f5e538fd', 'ISR', 0, 13, 19, 'Israel');
INSERT INTO public.mentions VALUES ('736e6e12f5e538fd', 'ISR', 1, 78, 84, 'Israel');
INSERT INTO public.mentions VALUES ('736e6e12f5e538fd', 'ISR', 2, 166, 172, 'Israel');


--
-- Data for Name: meta; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.meta VALUES ('schema_version', '1');


--
-- Data for Name: places; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.places VALUES ('736e6e12f5e538fd', 'p1', 'Isfahan', 108, 115, 'Isfahan', 418863, 'city', 'IR', 'Isfahan', 32.65246, 51.67462, 0.9);
INSERT INTO public.places VALUES ('736e6e12f5e538fd', 'p2', 'Tehran', 214, 220, 'Tehran', 112931, 'city', NULL, NULL, NULL, NULL, 0.5);


--
-- Data for Name: quotes; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.quotes VALUES ('736e6e12f5e538fd', 'q1', 'partial', 'killed two guards', 122, 139, 'IRN_GOV', 'accused', 'Iranian media', 'IRN_MED', 0.8);


--
-- Data for Name: times; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.times VALUES ('736e6e12f5e538fd', 't1', 'Monday', 63, 69, '2024-03-04', NULL, NULL);
INSERT INTO public.times VALUES ('736e6e12f5e538fd', 't2', '3 March 2024', 224, 236, '2024-03-03', '2024-03-03', '2024-03-03');


--
-- Name: actors actors_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actors
    ADD CONSTRAINT actors_pkey PRIMARY KEY (article_id, actor_id);


--
-- Name: articles articles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.articles
    ADD CONSTRAINT articles_pkey PRIMARY KEY (id);


--
-- Name: duplicates duplicates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.duplicates
    ADD CONSTRAINT duplicates_pkey PRIMARY KEY (article_id, ref);


--
-- Name: event_actors event_actors_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_actors
    ADD CONSTRAINT event_actors_pkey PRIMARY KEY (article_id, event_id, role, actor_id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (article_id, event_id);


--
-- Name: failures failures_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.failures
    ADD CONSTRAINT failures_pkey PRIMARY KEY (ref);


--
-- Name: feed_entries feed_entries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feed_entries
    ADD CONSTRAINT feed_entries_pkey PRIMARY KEY (feed_url, entry_id);


--
-- Name: feeds feeds_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feeds
    ADD CONSTRAINT feeds_pkey PRIMARY KEY (url);


--
-- Name: mentions mentions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mentions
    ADD CONSTRAINT mentions_pkey PRIMARY KEY (article_id, actor_id, n);


--
-- Name: meta meta_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meta
    ADD CONSTRAINT meta_pkey PRIMARY KEY (key);


--
-- Name: places places_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.places
    ADD CONSTRAINT places_pkey PRIMARY KEY (article_id, place_id);


--
-- Name: quotes quotes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quotes
    ADD CONSTRAINT quotes_pkey PRIMARY KEY (article_id, quote_id);


--
-- Name: times times_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.times
    ADD CONSTRAINT times_pkey PRIMARY KEY (article_id, time_id);


--
-- Name: ix_duplicates_of; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_duplicates_of ON public.duplicates USING btree (duplicate_of);


--
-- Name: ix_event_actors_actor; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_event_actors_actor ON public.event_actors USING btree (actor_id);


--
-- Name: ix_events_type; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_events_type ON public.events USING btree (type);


--
-- Name: actors actors_article_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actors
    ADD CONSTRAINT actors_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;


--
-- Name: event_actors event_actors_article_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_actors
    ADD CONSTRAINT event_actors_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;


--
-- Name: events events_article_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;


--
-- Name: feed_entries feed_entries_feed_url_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feed_entries
    ADD CONSTRAINT feed_entries_feed_url_fkey FOREIGN KEY (feed_url) REFERENCES public.feeds(url) ON DELETE CASCADE;


--
-- Name: mentions mentions_article_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mentions
    ADD CONSTRAINT mentions_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;


--
-- Name: places places_article_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.places
    ADD CONSTRAINT places_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;


--
-- Name: quotes quotes_article_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quotes
    ADD CONSTRAINT quotes_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;


--
-- Name: times times_article_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.times
    ADD CONSTRAINT times_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.articles(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--



#!/usr/bin/python3
"""Add knowledge from outside the O*NET split's training rows to a copy of the split, never a test title.
Usage: outside_knowledge.py SOURCE_DIR SPLIT_DIR OUT_DIR MODE
  SOURCE_DIR: models/source; SPLIT_DIR: the split from onet_split.py; MODE:
  esco         ESCO English preferred and alternative labels, coded through the ESCO to O*NET crosswalk
  esco-direct  the same, only crosswalk rows matched directly (not inherited from the ESCO parent)
  descriptions the sentences of O*NET's occupation descriptions (Occupation Data.txt), each as a row
A row whose normalised title (onet_split.py's key) is a test title is dropped, so the test stays unseen.
OUT_DIR gets train.csv (the split's rows, then the new ones) and the same test.csv."""
import csv, os, re, shutil, sys

source, split, out, mode = sys.argv[1:5]
csv.field_size_limit(1 << 30)
key = lambda s: re.sub(r'\s+', ' ', s.lower()).strip()

def read(path, delimiter=','):
    with open(path, newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f, delimiter=delimiter))

train = [(r['title'], r['code']) for r in read(os.path.join(split, 'train.csv'))]
test_keys = {key(r['title']) for r in read(os.path.join(split, 'test.csv'))}
seen = {(key(t), c) for t, c in train}
candidates = []
if mode in ('esco', 'esco-direct'):
    codes = {}
    for r in read(os.path.join(source, 'esco-onet-crosswalk', 'esco_to_onet_2019.tsv'), '\t'):
        if mode == 'esco' or r['matched_via'] == 'direct':
            codes[r['esco_uri']] = [c.strip() for c in re.split(r'[;|,]', r['onet_2019_codes']) if c.strip()]
    for r in read(os.path.join(source, 'esco-1.2.0', 'occupations_en.csv')):
        for label in [r['preferredLabel']] + r['altLabels'].split('\n'):
            candidates += [(label.strip(), c) for c in codes.get(r['conceptUri'], [])]
elif mode == 'descriptions':
    for r in read(os.path.join(source, 'onet-29.3', 'Occupation Data.txt'), '\t'):
        for sentence in re.split(r'(?<=[.;])\s+', r['Description']):
            sentence = sentence.strip().rstrip('.;')
            # The featurizer calls a title over 300 characters junk, so longer sentences would teach nothing.
            if 3 < len(sentence) <= 290:
                candidates.append((sentence, r['O*NET-SOC Code']))
else:
    sys.exit(f'unknown mode {mode!r}: use esco, esco-direct or descriptions')

extra, dropped = [], 0
for title, code in candidates:
    if not title:
        continue
    if key(title) in test_keys:
        dropped += 1
    elif (key(title), code) not in seen:
        seen.add((key(title), code))
        extra.append((title, code))
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, 'train.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f); w.writerow(['title', 'code']); w.writerows(train + extra)
shutil.copy(os.path.join(split, 'test.csv'), os.path.join(out, 'test.csv'))
print(len(train), len(extra), 'added;', dropped, 'dropped as test titles')

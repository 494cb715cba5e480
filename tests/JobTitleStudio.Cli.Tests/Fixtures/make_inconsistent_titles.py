#!/usr/bin/python3
"""Writes inconsistent-titles.csv (192 records, 24 titles, 21 of them with several label combinations)
and inconsistent-titles.expected.csv, the report computed here from the specification, independently
of the C# code. Titles are chosen so that the product's normalisation equals lower-casing with
collapsed white space. Run from this folder: python3 make_inconsistent_titles.py"""
import csv, random, statistics
random.seed(6)
functions = ["Sales", "Marketing", "Human Resources", "Information Technology", "Finance", "Operations"]
levels = ["Manager", "Director", "Professional", "Entry"]
titles = ["Sales Manager", "Marketing Director", "Account Executive", "Recruiter", "Software Engineer", "Financial Analyst",
          "Operations Manager", "Product Marketing Manager", "Data Analyst", "Payroll Specialist", "Talent Acquisition Manager",
          "Business Development Director", "Controller", "Network Engineer", "Brand Manager", "Office Manager",
          "Human Resources Generalist", "Customer Success Manager", "Accountant", "Logistics Coordinator", "Project Manager",
          "Sales Engineer", "Content Writer", "Systems Administrator"]
rows = []
for i, t in enumerate(titles):
    ncombo = 1 if i in (5, 13, 22) else 2 + (i % 3)  # three titles with one combination, left out of the report
    combos = []
    while len(combos) < ncombo:
        c = (random.choice(functions), random.choice(levels))
        if c not in combos:
            combos.append(c)
    for k, c in enumerate(combos):
        for n in range(1 + ((i * 7 + k * 3) % 5)):
            spelling = t if n % 3 else (t.upper() if n % 2 else "  " + t.lower() + " ")
            rows.append((spelling, c[0], c[1]))
random.shuffle(rows)
with open("inconsistent-titles.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["Job Title", "Department", "Seniority"])
    w.writerows(rows)

groups = {}
for t, fn, lv in rows:
    key = " ".join(t.lower().split())
    g = groups.setdefault(key, {"first": len(groups), "total": 0, "spell": {}, "combos": {}})
    g["total"] += 1
    s = g["spell"].setdefault(t, [0, len(g["spell"])]); s[0] += 1
    c = g["combos"].setdefault((fn, lv), [0, len(g["combos"])]); c[0] += 1
out = []
for key, g in sorted(groups.items(), key=lambda kv: (-kv[1]["total"], kv[1]["first"])):
    if len(g["combos"]) < 2:
        continue
    ranked = sorted(g["combos"].items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    var = float(statistics.variance([c[1][0] for c in ranked]))
    shown = str(int(var)) if var.is_integer() else repr(var)
    title = sorted(g["spell"].items(), key=lambda kv: (-kv[1][0], kv[1][1]))[0][0]
    for rank, (combo, (count, _)) in enumerate(ranked, 1):
        out.append([title, key, combo[0], combo[1], count, g["total"], len(ranked), rank, shown])
with open("inconsistent-titles.expected.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["title", "normalized_title", "Function", "Level", "record_count", "total_count", "combinations", "rank", "variance"])
    w.writerows(out)
print(len(rows), "records,", len(out), "report rows,", len({o[1] for o in out}), "titles")

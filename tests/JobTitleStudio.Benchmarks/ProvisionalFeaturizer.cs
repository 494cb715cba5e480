using System.Text;
using JobTitleStudio.Core.Features;

namespace JobTitleStudio.Benchmarks;

/// <summary>Stand-in until branch text's TitleFeaturizer is merged: words, word bigrams, char 3-5-grams, hashed.</summary>
internal sealed class ProvisionalFeaturizer : ITitleFeaturizer
{
    public int Dimension => 1 << 20;

    public static string Normalize(string title)
    {
        var sb = new StringBuilder(title.Length);
        var space = true;
        foreach (var ch in title.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(ch);
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().Trim();
    }

    public FeatureVector Featurize(string title, bool withNames = false)
    {
        var words = Normalize(title).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var counts = new Dictionary<int, (float Value, string Name)>();
        void Add(string name, float weight)
        {
            var id = (int)(Hash(name) % (uint)Dimension);
            counts[id] = counts.TryGetValue(id, out var v) ? (v.Value + weight, v.Name) : (weight, name);
        }
        for (var i = 0; i < words.Length; i++)
        {
            Add("w:" + words[i], 1f);
            if (i > 0)
            {
                Add("b:" + words[i - 1] + "_" + words[i], 1f);
            }
            var padded = "<" + words[i] + ">";
            for (var n = 3; n <= 5; n++)
            {
                for (var s = 0; s + n <= padded.Length; s++)
                {
                    Add("c:" + padded.Substring(s, n), 0.5f);
                }
            }
        }
        var ids = counts.Keys.Order().ToArray();
        return new FeatureVector(ids, [.. ids.Select(i => counts[i].Value)], withNames ? [.. ids.Select(i => counts[i].Name)] : null);
    }

    private static uint Hash(string s)
    {
        var h = 2166136261u;
        foreach (var ch in s)
        {
            h = (h ^ ch) * 16777619u;
        }
        return h;
    }
}

using System.Globalization;
using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Benchmarks;

/// <summary>Command-line overrides of model options (name=value), for tuning runs.</summary>
internal static class Tuning
{
    public static ModelOptions Apply(ModelOptions options, IEnumerable<string> settings)
    {
        foreach (var setting in settings)
        {
            var parts = setting.Split('=', 2);
            if (parts.Length != 2)
            {
                throw new ArgumentException($"Setting \"{setting}\" should look like name=value, e.g. k=20.");
            }
            var value = double.Parse(parts[1], CultureInfo.InvariantCulture);
            options = parts[0] switch
            {
                "epochs" => options with { Linear = options.Linear with { Epochs = (int)value } },
                "dim" => options with { Linear = options.Linear with { Dimension = (int)value } },
                "lr" => options with { Linear = options.Linear with { LearningRate = (float)value } },
                "buckets" => options with { Linear = options.Linear with { Buckets = (int)value } },
                "seed" => options with { Linear = options.Linear with { Seed = (int)value } },
                "updatelr" => options with { Linear = options.Linear with { UpdateLearningRate = (float)value } },
                "updatesteps" => options with { Linear = options.Linear with { UpdateSteps = (int)value } },
                "alpha" => options with { NaiveBayes = options.NaiveBayes with { Alpha = (float)value } },
                "k" => options with { Neighbours = options.Neighbours with { K = (int)value } },
                "power" => options with { Neighbours = options.Neighbours with { VotePower = (float)value } },
                "maxpostings" => options with { Neighbours = options.Neighbours with { MaxPostings = (int)value } },
                "budget" => options with { Neighbours = options.Neighbours with { PostingBudget = (int)value } },
                "skipabove" => options with { Neighbours = options.Neighbours with { SkipSearchAbove = value == 0 ? null : (float)value } },
                "candidates" => options with { Neighbours = options.Neighbours with { Candidates = (int)value } },
                "smoothing" => options with { Blend = options.Blend with { VoteSmoothing = (float)value } },
                "rankfit" => options with { Blend = options.Blend with { FitRanking = value != 0 } },
                "maxheldout" => options with { Blend = options.Blend with { MaxHeldOutTitles = (int)value } },
                "heldout" => options with { Blend = options.Blend with { HeldOutFraction = value } },
                _ => throw new ArgumentException($"Unknown setting \"{parts[0]}\"; use epochs, dim, lr, seed, buckets, updatelr, updatesteps, alpha, k, power, maxpostings, budget, candidates, skipabove (0: always search), smoothing, heldout, maxheldout or rankfit (0: weights by log-loss only)."),
            };
        }
        return options;
    }

    /// <summary>Featurizer overrides (f.name=value) for the onet verb: family weights and the character n-gram range.</summary>
    public static FeaturizerOptions ApplyFeatures(FeaturizerOptions options, IEnumerable<string> settings)
    {
        foreach (var setting in settings)
        {
            var parts = setting.Split('=', 2);
            var value = parts.Length == 2 ? float.Parse(parts[1], CultureInfo.InvariantCulture) : throw new ArgumentException($"Setting \"{setting}\" should look like f.name=value, e.g. f.char=0.5.");
            options = parts[0] switch
            {
                "f.word" => options with { WordWeight = value },
                "f.bigram" => options with { BigramWeight = value },
                "f.char" => options with { CharNGramWeight = value },
                "f.head" => options with { HeadWeight = value },
                "f.minn" => options with { MinCharN = (int)value },
                "f.maxn" => options with { MaxCharN = (int)value },
                _ => throw new ArgumentException($"Unknown featurizer setting \"{parts[0]}\"; use f.word, f.bigram, f.char, f.head, f.minn or f.maxn."),
            };
        }
        return options;
    }
}

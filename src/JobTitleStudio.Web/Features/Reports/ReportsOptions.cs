namespace JobTitleStudio.Web.Features.Reports;

public sealed class ReportsOptions
{
    /// <summary>Folds of normalised titles for likely label errors: each is scored by a model trained on the others.</summary>
    public int LabelErrorFolds { get; set; } = 5;

    /// <summary>Likely label errors kept per axis, highest loss first.</summary>
    public int LabelErrorsPerAxis { get; set; } = 1000;

    /// <summary>Categories with fewer records than this (but some) are rare in the coverage report.</summary>
    public int RareBelow { get; set; } = Core.Quality.CoverageReport.DefaultRareBelow;

    /// <summary>The workspaces' main language for the foreign-titles report ("en", "de", "es"); empty takes each workspace's most common guessed language.</summary>
    public string MainLanguage { get; set; } = "";
}

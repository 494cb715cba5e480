namespace JobTitleStudio.Web.Components.Layout;

public sealed record NavigationArea(string Name, string Path, string Icon);

public static class NavigationAreas
{
    /// <summary>The product's areas in the order the left navigation shows them (docs: product notes, Screens).</summary>
    public static IReadOnlyList<NavigationArea> All { get; } =
    [
        new("Lookup", "/", "search"),
        new("Review", "review", "rule"),
        new("Batches", "batches", "upload_file"),
        new("Datasets", "datasets", "table_view"),
        new("Taxonomy", "taxonomy", "account_tree"),
        new("Reports", "reports", "insights"),
        new("Rules", "rules", "gavel"),
        new("Models", "models", "model_training"),
        new("History", "history", "history"),
    ];
}

using System.Runtime.CompilerServices;
using Bunit;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Corrections;
using JobTitleStudio.Web.Features.History;
using JobTitleStudio.Web.Features.Lookup;
using JobTitleStudio.Web.Features.Reports;
using JobTitleStudio.Web.Features.Review;
using JobTitleStudio.Web.Features.Rules;
using JobTitleStudio.Web.Features.Taxonomy;
using JobTitleStudio.Web.Features.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Radzen;

namespace JobTitleStudio.Web.Tests.Support;

/// <summary>bUnit set up for Radzen components.</summary>
public abstract class StudioComponentTest : BunitContext
{
    protected StudioComponentTest()
    {
        // Every rendered component asks for bUnit's internal HTML comparer, whose constructor needs
        // AngleSharp.Diffing, which our NuGet source lacks. Nothing here compares markup (no MarkupMatches),
        // so an unconstructed instance stands in for it.
        var comparerType = typeof(BunitContext).Assembly.GetType("Bunit.Diffing.HtmlComparer", throwOnError: true)!;
        Services.AddSingleton(comparerType, RuntimeHelpers.GetUninitializedObject(comparerType));
        // Radzen calls its JavaScript on render; the calls are not what these tests check.
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
    }

    /// <summary>
    /// Fires a DOM event's handler on <paramref name="element"/>. bUnit's own Input()/KeyDown() walk the element's
    /// parents through AngleSharp.Diffing, which our NuGet source lacks, so this dispatches by the handler id bUnit
    /// renders into the markup instead (no bubbling, which these tests do not need).
    /// </summary>
    protected Task FireAsync(AngleSharp.Dom.IElement element, string eventName, EventArgs arguments)
    {
        var id = element.GetAttribute($"blazor:on{eventName}")
            ?? throw new InvalidOperationException($"<{element.TagName}> has no on{eventName} handler.");
        // bUnit's renderer insists on the field info the framework's render-tree type carries, as its own dispatcher passes it.
#pragma warning disable BL0006
        var field = new Microsoft.AspNetCore.Components.RenderTree.EventFieldInfo { FieldValue = eventName };
#pragma warning restore BL0006
        return Renderer.Dispatcher.InvokeAsync(() => Renderer.DispatchEventAsync(ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture), field, arguments));
    }

    protected Task TypeAsync(AngleSharp.Dom.IElement element, string text) =>
        FireAsync(element, "input", new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = text });

    protected Task PressAsync(AngleSharp.Dom.IElement element, string key) =>
        FireAsync(element, "keydown", new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = key });

    /// <summary>The services the analyst pages (Lookup, Review, Taxonomy, History) inject, on <paramref name="database"/>, as the app registers them.</summary>
    protected void AddAnalystServices(TestDatabase database)
    {
        Services.AddLogging();
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(database);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = database.ConnectionString })
            .Build());
        Services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        Services.AddWorkspaces().AddCorrections().AddLookup().AddReview().AddReports().AddRules().AddTaxonomy().AddHistory();
    }
}

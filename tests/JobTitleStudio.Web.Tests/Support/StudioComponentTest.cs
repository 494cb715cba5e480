using System.Runtime.CompilerServices;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
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
}

using Bunit;
using JobTitleStudio.Web.Components.Layout;
using JobTitleStudio.Web.Tests.Support;

namespace JobTitleStudio.Web.Tests.Components;

public sealed class NavMenuTests : StudioComponentTest
{
    [Fact]
    public void Lists_the_areas_in_product_order_with_taxonomy_after_datasets_as_links()
    {
        var menu = Render<NavMenu>();

        var links = menu.FindAll("nav[aria-label=Areas] [role=menuitem] a");
        Assert.Equal(
            ["Lookup", "Review", "Batches", "Datasets", "Taxonomy", "Reports", "Rules", "Models", "History"],
            links.Select(link => link.QuerySelector(".rz-navigation-item-text")?.TextContent.Trim()));
        Assert.Equal(
            ["/", "review", "batches", "datasets", "taxonomy", "reports", "rules", "models", "history"],
            links.Select(link => link.GetAttribute("href")));
    }
}

using JiebaNet.Segmenter;

namespace RedSail.Modules.Archives.Domain;

/// <summary>
/// jieba.NET's word segmentation (docs/adr/0016-chinese-search.md), loaded once per process. The package carries its
/// dictionaries but does not copy them: the build puts the three it needs under <c>jieba/</c> beside this assembly
/// (RedSail.Modules.Archives.csproj), and the segmenter is pointed there before its first use. Loading takes 1–2 s and
/// ~40 MB; cutting is thread-safe (read-only dictionary), so one instance serves every request and the reindex's threads.
/// </summary>
internal static class ChineseSegmenter
{
    // Words of this institution that the general dictionary splits (红帆 → 红/帆).
    private static readonly string[] InstitutionWords = ["红帆", "红帆研究院", "三会一课", "两学一做", "主题党日", "光荣在党50年"];

    private static readonly Lazy<JiebaSegmenter> Segmenter = new(() =>
    {
        ConfigManager.ConfigFileBaseDir = Path.Combine(Path.GetDirectoryName(typeof(ChineseSegmenter).Assembly.Location) ?? AppContext.BaseDirectory, "jieba");
        var segmenter = new JiebaSegmenter();
        foreach (var word in InstitutionWords) segmenter.AddWord(word);
        return segmenter;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The words of <paramref name="text"/> with their start index in it (HMM on: new words such as personal names are found).</summary>
    public static IEnumerable<(string Word, int Start)> Words(string text) =>
        Segmenter.Value.Tokenize(text, TokenizerMode.Default, hmm: true).Select(t => (t.Word, t.StartIndex));
}

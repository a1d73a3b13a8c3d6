using RedSail.Modules.Archives.Features.Announcements;

namespace RedSail.Modules.Archives.Features.PortalDemo;

/// <summary>
/// The portal's share of the demo: six announcements and news items of the last weeks (one notice pinned), and three compiled
/// volumes made of whatever demo documents the archive holds (by year, and by title for the themed one) — empty volumes when
/// there are none. Runs after the documents' demo part (order 100).
/// </summary>
internal sealed class PortalDemoPart : IDemoPart<ArchivesDb>
{
    public int Order => 100;

    private sealed record DemoAnnouncement(string Kind, string Title, int DaysAgo, bool Pinned, string Body);

    private static readonly DemoAnnouncement[] Announcements =
    [
        new(AnnouncementKinds.Notice, "关于召开年度基层党组织书记抓党建述职评议会议的通知", 2, true, """
            <p>各党支部：</p>
            <p>根据院党委年度工作安排，经研究，定于下周四上午9:00在学术报告厅召开本年度基层党组织书记抓党建述职评议会议。现将有关事项通知如下：</p>
            <h3>一、参会人员</h3>
            <ul><li>院党委委员；</li><li>各党支部书记；</li><li>党员代表和群众代表（每个支部各2名）。</li></ul>
            <h3>二、有关要求</h3>
            <p>请各支部书记围绕<strong>履行管党治党责任、推动党建与科研业务深度融合</strong>等方面准备述职报告，时间控制在8分钟以内，并于会前两个工作日将书面材料报党委办公室。</p>
            <p>党委办公室联系人：王老师，电话：8801 2316。</p>
            """),
        new(AnnouncementKinds.Notice, "关于做好本年度党费收缴工作的通知", 9, false, """
            <p>各党支部：</p>
            <p>为进一步规范党费收缴、使用和管理，请各支部于本月25日前完成本季度党费收缴，核对党员缴费基数，做到<strong>按月足额交纳</strong>。</p>
            <p>对流动党员和长期病休党员，请支部指定专人联系，确保不漏一人。收缴情况请在党务工作平台“党费管理”中如实登记。</p>
            """),
        new(AnnouncementKinds.Notice, "关于开展“七一”主题党日活动的通知", 16, false, """
            <p>为庆祝中国共产党成立纪念日，院党委决定在全院开展“重温入党誓词、践行初心使命”主题党日活动。</p>
            <ol><li>各支部组织党员重温入党誓词；</li><li>开展一次专题学习研讨；</li><li>结合科研任务开展一次志愿服务。</li></ol>
            <p>活动情况请于活动结束后一周内报送党委办公室。</p>
            """),
        new(AnnouncementKinds.News, "院党委召开理论学习中心组专题学习会", 4, false, """
            <p>近日，院党委召开理论学习中心组专题学习会，围绕<em>加快建设科技强国</em>进行交流研讨。党委书记主持会议并讲话。</p>
            <p>会议强调，要把学习成果转化为推动科研创新的强大动力，坚持党建引领，聚焦国家重大需求，锻造高水平科研队伍。</p>
            """),
        new(AnnouncementKinds.News, "第三党支部与合作企业党支部开展联学共建", 11, false, """
            <p>第三党支部与合作企业技术中心党支部签订联学共建协议，双方党员围绕关键核心技术攻关开展座谈交流。</p>
            <p>双方约定在<u>人才培养、联合攻关、主题党日</u>等方面加强合作，以高质量党建推动科研合作走深走实。</p>
            """),
        new(AnnouncementKinds.News, "我院举办新任党支部委员培训班", 20, false, """
            <p>为提升基层党务工作者履职能力，我院举办新任党支部委员培训班，共40余名支部委员参加培训。</p>
            <table><thead><tr><th>专题</th><th>主讲</th></tr></thead>
            <tbody><tr><td>党支部工作条例解读</td><td>党委办公室</td></tr><tr><td>发展党员工作规范</td><td>组织部</td></tr><tr><td>党费收缴与管理</td><td>财务处</td></tr></tbody></table>
            <p>学员们表示，培训内容实用，将把所学运用到支部日常工作中。</p>
            """),
    ];

    public async Task<int> SeedAsync(ArchivesDb db, int seed, DateOnly today, CancellationToken ct)
    {
        var bodies = Announcements.Select(a => AnnouncementHtml.Sanitize(a.Body)).ToArray();
        var added = await db.ExecuteAsync("""
            insert into archives.announcement (id, kind, title, body_html, excerpt, published_at, pinned, author_name)
            select md5(@seed || '-announcement-' || a.n)::uuid, a.kind, a.title, a.body, a.excerpt,
                   ((@today::date - a.days_ago) + time '09:30') at time zone 'Asia/Shanghai', a.pinned, '党委办公室'
            from unnest(@kinds::text[], @titles::text[], @bodies::text[], @excerpts::text[], @daysAgo::int[], @pinned::boolean[])
                 with ordinality a (kind, title, body, excerpt, days_ago, pinned, n)
            """, new
            {
                seed, today, kinds = Announcements.Select(a => a.Kind).ToArray(), titles = Announcements.Select(a => a.Title).ToArray(), bodies,
                excerpts = bodies.Select(b => AnnouncementHtml.Excerpt(b)).ToArray(), daysAgo = Announcements.Select(a => a.DaysAgo).ToArray(),
                pinned = Announcements.Select(a => a.Pinned).ToArray(),
            }, ct);

        // Three volumes: the documents of a past year and of last year, by category (a section heading where a category starts),
        // and a themed one of the documents on study (学习) whatever their year; at most 40 documents each.
        var firstYear = today.Year - 4;
        var lastYear = today.Year - 1;
        added += await db.ExecuteAsync("""
            insert into archives.volume (id, title, subtitle, compiled_by, year, description, featured, recorded_at)
            select md5(@seed || '-volume-' || v.n)::uuid, v.title, v.subtitle, '中共红帆研究院委员会办公室', v.year, v.description, v.featured,
                   now() - make_interval(days => v.n::int)
            from unnest(@titles::text[], @subtitles::text[], @years::int[], @descriptions::text[], @featured::boolean[])
                 with ordinality v (title, subtitle, year, description, featured, n)
            """, new
            {
                seed,
                titles = new[] { $"{firstYear}年党建工作文件汇编", $"{lastYear}年党建工作文件汇编", "党史学习教育专题汇编" },
                subtitles = new[] { "院党委及各党支部文件选编", "院党委及各党支部文件选编", "学史明理 学史增信 学史崇德 学史力行" },
                years = new[] { firstYear, lastYear, lastYear },
                descriptions = new[]
                {
                    $"收录{firstYear}年度院党委印发的重要文件、会议纪要及各党支部工作材料，按文件类别编排。",
                    $"收录{lastYear}年度院党委印发的重要文件、会议纪要及各党支部工作材料，按文件类别编排。",
                    "汇集历年党史学习教育的通知、方案、学习材料与工作总结。",
                },
                featured = new[] { true, false, true },
            }, ct);
        added += await db.ExecuteAsync("""
            insert into archives.volume_item (volume_id, document_id, position, section_heading)
            select md5(@seed || '-volume-' || chosen.volume_n)::uuid, chosen.id,
                   row_number() over (partition by chosen.volume_n order by chosen.category_sort, chosen.category_name, chosen.issued_on, chosen.id),
                   case when chosen.first_of_category then chosen.category_name end
            from (
                select v.volume_n, d.id, d.issued_on, c.sort as category_sort, c.name as category_name,
                       row_number() over (partition by v.volume_n, d.category_id order by d.issued_on, d.id) = 1 as first_of_category,
                       row_number() over (partition by v.volume_n order by c.sort, c.name, d.issued_on, d.id) as rank
                from (values (1), (2), (3)) v (volume_n)
                join archives.document d on d.removed_at is null and case v.volume_n
                    when 1 then extract(year from d.issued_on) = @firstYear
                    when 2 then extract(year from d.issued_on) = @lastYear
                    else d.title like '%学习%' end
                join archives.category c on c.id = d.category_id) chosen
            where chosen.rank <= 40
            """, new { seed, firstYear, lastYear }, ct);
        return added;
    }
}

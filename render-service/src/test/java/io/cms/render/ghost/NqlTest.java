package io.cms.render.ghost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.cms.render.ghost.Nql.And;
import io.cms.render.ghost.Nql.Compare;
import io.cms.render.ghost.Nql.Op;
import io.cms.render.ghost.Nql.Or;
import io.cms.render.ghost.Nql.Value;
import org.junit.jupiter.api.Test;

/** Ghost's filter language read into a tree, and that tree as SQL with parameters. */
class NqlTest {

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        assertEquals(new Or(List.of(new Compare("tag", Op.EQ, false, List.of(new Value("a", false))),
                new And(List.of(new Compare("tag", Op.EQ, false, List.of(new Value("b", false))),
                        new Compare("featured", Op.EQ, false, List.of(new Value("true", false))))))),
                Nql.parse("tag:a,tag:b+featured:true"));
        assertEquals(new And(List.of(new Or(List.of(new Compare("tag", Op.EQ, false, List.of(new Value("a", false))),
                new Compare("tag", Op.EQ, false, List.of(new Value("b", false))))),
                new Compare("featured", Op.EQ, false, List.of(new Value("true", false))))),
                Nql.parse("(tag:a, tag:b) + featured:true"));
    }

    @Test
    void operatorsListsNegationAndQuotes() {
        assertEquals(new Compare("published_at", Op.GTE, false, List.of(new Value("2024-01-01", true))),
                Nql.parse("published_at:>='2024-01-01'"));
        assertEquals(new Compare("tag", Op.IN, true, List.of(new Value("a", false), new Value("日本語", false))),
                Nql.parse("tag:-[a, 日本語]"));
        assertEquals(new Compare("title", Op.CONTAINS, true, List.of(new Value("it's \"so\"", true))),
                Nql.parse("title:-~'it\\'s \"so\"'"));
        assertEquals(new Compare("slug", Op.ENDS, false, List.of(new Value("-ja", false))), Nql.parse("slug:~$-ja"));
        assertEquals(new Compare("slug", Op.STARTS, false, List.of(new Value("2024", false))), Nql.parse("slug:~^2024"));
    }

    @Test
    void whatCannotBeReadIsRefusedWithItsPosition() {
        for (String bad : List.of("", "tag", "tag:", "tag:a+", "(tag:a", "tag:a)", "tag:[a,b", "tag:'open", ":a", "tag:>[a]",
                "tag:->a", "tag:a tag:b", "(".repeat(20) + "tag:a" + ")".repeat(20), "x".repeat(5000))) {
            GhostException e = assertThrows(GhostException.class, () -> Nql.parse(bad), bad);
            assertEquals(400, e.status(), bad);
            assertEquals("BadRequestError", e.type());
            assertTrue(e.context().startsWith("filter: "), e.context());
        }
    }

    @Test
    void compiledSqlCarriesValuesAsParametersOnly() {
        NqlSql.Where w = NqlSql.compile(Nql.parse("tag:-a+(slug:'x\\' OR 1=1',title:~'50%_')"), GhostContent.POST_FIELDS);
        assertEquals("((NOT coalesce(tag_list @> ?::jsonb, false)) AND (slug = ? OR lower(title) LIKE ? ESCAPE '\\'))", w.sql());
        assertEquals(List.of("[{\"slug\":\"a\"}]", "x' OR 1=1", "%50\\%\\_%"), w.params());
    }

    @Test
    void fieldsAndOperatorsAreCheckedAgainstTheResource() {
        assertThrows(GhostException.class, () -> NqlSql.compile(Nql.parse("colour:red"), GhostContent.POST_FIELDS));
        assertThrows(GhostException.class, () -> NqlSql.compile(Nql.parse("featured:maybe"), GhostContent.POST_FIELDS));
        assertThrows(GhostException.class, () -> NqlSql.compile(Nql.parse("published_at:~2024"), GhostContent.POST_FIELDS));
        assertThrows(GhostException.class, () -> NqlSql.compile(Nql.parse("published_at:>'last week'"), GhostContent.POST_FIELDS));
        assertThrows(GhostException.class, () -> NqlSql.compile(Nql.parse("published_at:>'+999999999-12-31T23:59:59Z'"),
                GhostContent.POST_FIELDS), "past PostgreSQL's timestamps: a 400, not a failed query");
        assertEquals("false", NqlSql.compile(Nql.parse("id:nope"), GhostContent.POST_FIELDS).sql());
        assertEquals("published_at > ?", NqlSql.compile(Nql.parse("published_at:>now-30d"), GhostContent.POST_FIELDS).sql());
    }
}

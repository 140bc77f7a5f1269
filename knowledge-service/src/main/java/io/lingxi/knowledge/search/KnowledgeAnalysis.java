package io.lingxi.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.TypeTokenFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The one analysis chain of the knowledge base, used for indexing, for queries and for confidence, by every
 * backend. Two views of a text:
 * <ul>
 * <li><b>words</b>: smartcn segmentation (Chinese words, Latin words), lower case, stop words, Porter stemming
 * (English);</li>
 * <li><b>chars</b>: every Han character on its own, stop characters removed; it catches partial-word overlaps
 * that segmentation misses (退货/退货款, 发票/开票).</li>
 * </ul>
 * smartcn's own stop set is punctuation only, so 的/了/在 would match every entry: the stop lists below remove
 * particles, pronouns and polite fillers in both languages.
 */
public final class KnowledgeAnalysis {

    /** Chinese function words and fillers (word view), English stop words. */
    static final Set<String> WORD_STOPS = stops(
            "的", "了", "在", "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "哈", "啦", "么", "是", "有", "就", "都", "也",
            "还", "和", "与", "或", "及", "把", "被", "给", "让", "对", "从", "向", "这", "那", "这个", "那个", "这些",
            "我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "咱们", "自己", "请问", "请", "你好", "您好",
            "谢谢", "麻烦", "一下", "一个", "下", "个", "想", "要", "想要", "能", "能不能", "可以", "可不可以", "会",
            "吗？", "得", "地", "着", "过", "又", "很", "太", "呃", "嗯",
            "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
            "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "i", "me", "my", "mine", "we", "us",
            "our", "you", "your", "he", "she", "it", "its", "they", "them", "their", "this", "that", "these",
            "those", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "please", "hi",
            "hello", "hey", "there", "here", "s", "t", "just", "so", "any", "some", "am", "pm", "thanks", "thank");

    /** Han characters that carry no topic on their own (char view). */
    static final Set<String> CHAR_STOPS = stops(
            "的", "了", "在", "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "哈", "啦", "么", "是", "有", "就", "都", "也",
            "还", "和", "与", "或", "把", "被", "给", "让", "这", "那", "个", "我", "你", "您", "他", "她", "它", "们",
            "请", "问", "好", "谢", "想", "要", "能", "可", "以", "会", "得", "地", "着", "过", "又", "很", "太",
            "怎", "什", "如", "何", "哪", "啥", "吗", "一", "下", "呃", "嗯", "为");

    private static final CharArraySet WORD_STOP_SET;
    private static final CharArraySet CHAR_STOP_SET = new CharArraySet(CHAR_STOPS, false);

    static {
        WORD_STOP_SET = new CharArraySet(WORD_STOPS, false);
        WORD_STOP_SET.addAll(SmartChineseAnalyzer.getDefaultStopSet());
    }

    private final Analyzer words = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new HMMChineseTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new StopFilter(stream, WORD_STOP_SET);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    private final Analyzer chars = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new TypeTokenFilter(tokenizer,
                    Set.of(StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC]), true);
            stream = new StopFilter(stream, CHAR_STOP_SET);
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    private static Set<String> stops(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    /** NFKC (full-width → half-width) and lower case: applied to every text before anything else. */
    public static String normalize(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
    }

    /** The analyzer of the word view (thread-safe). */
    public Analyzer wordAnalyzer() {
        return words;
    }

    /** The analyzer of the character view (thread-safe). */
    public Analyzer charAnalyzer() {
        return chars;
    }

    public List<String> words(String normalizedText) {
        return tokens(words, normalizedText);
    }

    public List<String> chars(String normalizedText) {
        return tokens(chars, normalizedText);
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyse text", e);
        }
        return tokens;
    }
}

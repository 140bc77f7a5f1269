package org.elasticsearch.node;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The analysis a production cluster has and the Maven Central server jars lack, under the same names:
 * <ul>
 * <li>the official {@code analysis-smartcn} plugin ({@code bin/elasticsearch-plugin install analysis-smartcn}):
 * the {@code smartcn} analyzer (Lucene's {@link SmartChineseAnalyzer}), the {@code smartcn_tokenizer} tokenizer
 * ({@link HMMChineseTokenizer}) and the {@code smartcn_stop} filter (smartcn's punctuation stop set, or the
 * {@code stopwords} given);</li>
 * <li>{@code porter_stem}, which every Elasticsearch distribution ships in its {@code analysis-common} module.</li>
 * </ul>
 * The same Lucene classes as the official plugin and module, so the node analyses exactly as production does.
 */
public final class LingxiAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("smartcn", (indexSettings, environment, name, settings) ->
                new AbstractIndexAnalyzerProvider<SmartChineseAnalyzer>(name, settings) {
                    private final SmartChineseAnalyzer analyzer = new SmartChineseAnalyzer(
                            Analysis.parseStopWords(environment, settings, SmartChineseAnalyzer.getDefaultStopSet()));

                    @Override
                    public SmartChineseAnalyzer get() {
                        return analyzer;
                    }
                });
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("smartcn_tokenizer", (indexSettings, environment, name, settings) ->
                TokenizerFactory.newFactory(name, HMMChineseTokenizer::new));
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of("smartcn_stop", (indexSettings, environment, name, settings) -> {
            CharArraySet stops = Analysis.parseStopWords(environment, settings,
                    SmartChineseAnalyzer.getDefaultStopSet());
            return new TokenFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public TokenStream create(TokenStream stream) {
                    return new StopFilter(stream, stops);
                }
            };
        });
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(PreConfiguredTokenFilter.singleton("porter_stem", false, PorterStemFilter::new));
    }
}

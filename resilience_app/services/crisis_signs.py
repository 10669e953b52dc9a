"""Signs of suicide risk or self-harm, by warning-sign category (issue 12), in Chinese and English.

The categories follow the warning signs published by NIMH and the 988 Lifeline and the questions
of the Columbia (C-SSRS) screener: a passive wish to be dead, hopelessness and feeling trapped,
feeling a burden, farewells and putting affairs in order, a method or means, timing, self-harm,
and explicit intent. Each category is a small named set of patterns at three strengths:

- strong: enough on its own ("不想活了", "I want to kill myself");
- weak:   a sign only beside another ("撑不住了", "I gave my plants away"): two weak signs make a
          crisis, one alone never does;
- faint:  words common in ordinary venting too ("我累了", "谢谢大家", "numb"): half a weak sign;
          a means mentioned in passing (rope, 安眠药) also counts half, and never alone;
- acute:  strong, and the danger is now: harm already done, means in hand, a place reached.

Matching runs on `crisis_text.fold`ed text after idioms (累死了, killing it), reported speech
(客户让我“去死”) and third parties (客户说她不想活了) are set aside, and a sign just after a
negation (我不会自杀, I'm not suicidal) does not count.

Patterns only know the phrasings someone wrote down. When they find no crisis, a learned second
reader (crisis_model) reads the same text, with the set-aside and discounted words blanked, and
may find one: the same signs in other words. It never overrules a pattern, and it stays quiet where
the writer says plainly that this is not that (我不是要做傻事, not suicidal, just burnt out).

Severity: "acute" when an acute sign matched, or when timing, a method, self-harm or a farewell
sits in one sentence with intent ("今晚就去死", "after my shift"), or a method with intent anywhere;
otherwise "concern". Only categories and a severity leave this module, never the words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from resilience_app.services import crisis_model
from resilience_app.services.crisis_text import fold
from resilience_app.services.first_chars import compile_fast

CATEGORIES = (
    "intent", "passive_wish", "hopelessness", "burden", "farewell", "means", "self_harm", "timing",
)
_GAP = r"[^。.!?;\n]"  # "⋯" in a pattern: any character short of a sentence's end


@dataclass(frozen=True)
class SignSet:
    """One warning-sign category: its patterns by strength, in both languages."""

    name: str
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    faint: tuple[str, ...] = ()  # words common in ordinary venting: half a weak sign
    acute: tuple[str, ...] = ()


INTENT = SignSet(
    "intent",  # C-SSRS 2-5: thoughts of killing oneself, with or without a plan
    strong=(
        r"想死|想去死|要去死|该去死|我去死|就去死|不如去死|(?:真|好|很|太)想(?:一)?死了?|死了算了|死掉算了|一死了之|死了一了百了"
        r"|不想活|不要活了|不活了|活不下去|不想再活|不愿(?:意)?再?活|没法活了|活够了|不如死了|寻死|求死|轻生|自杀|自尽|自我了断"
        r"|了断(?:自己|生命|这一切)|了结(?:自己|生命|此生|残生|这一切)|结束(?:自己的?|我的)(?:生命|一生|这一生)|结束生命"
        r"|(?:想|要|打算|准备|决定)(?:彻底)?结束掉?(?:这一切|一切|这条命|自己|这一生|这辈子)|离开这个世界|离开人世|告别这个世界"
        r"|去另一个世界|从这个世界(?:上)?消失|想跳(?:楼|河|江|海|桥|下去)|跳下去(?:就|算了|一了百了)"
        r"|(?:想|要|打算|准备|决定)(?:去)?(?:上吊|割腕|烧炭|卧轨|服毒|喝农药|吃安眠药|跳楼|跳河|跳江)"
        r"|(?:死|自杀|轻生|结束生命)的(?:念头|想法|冲动|计划)|(?:满)?脑子(?:里)?(?:全|都)是(?:死|怎么死)|(?:一直|总|老)在想怎么死"
        r"|想(?:个|好)?(?:办法|方法)(?:去)?死|(?:已经|终于)?(?:决定|想好)了?(?:要)?(?:走|去死|离开)了?|(?:彻底|永远)(?:地)?解脱"
        r"|死了(?:就|才)(?:能)?(?:解脱|轻松|不用)|(?:不想|不愿)再?(?:撑|坚持|忍|熬)下去了?⋯{0,6}(?:死|走|结束|离开)"
        r"|结束这一切|就结束(?:一切|这一切)|(?:做|作)(?:个|一个)?了断|想(?:要)?(?:从)?⋯{0,4}跳下去",
        r"\bkill(?:ing)? myself\b|\bsuicid(?:e|al)\b|\bend(?:ing)? (?:it all|my (?:own )?life|things(?: for good| tonight)?|it tonight|my suffering)\b"
        r"|\btak(?:e|ing) my (?:own )?life\b|\b(?:want|wanna|wanted|wanting|ready|going|plan|planning|need) (?:to )?die\b"
        r"|\bwant(?:ed)? to be dead\b|\b(?:don'?t|do not|no longer|dont) (?:want|wanna) to (?:live|be alive|exist|go on living|be here)\b"
        r"|\bbetter off dead\b|\bdecided to end it\b|\b(?:use|using) (?:it|them) to end (?:this|it|everything)\b"
        r"|\bwant (?:it all|everything|my life) to (?:end|stop|be over)\b|\b(?:thoughts|thinking|think) (?:of|about) (?:dying|ending it|ending things|death)\b"
        r"|\b(?:made up my mind|my mind is made up|i'?ve decided)\b⋯{0,30}\b(?:go|die|end|do it)\b|\bi'?m going to do it\b"
        r"|\bdon'?t want to be alive\b|\bend it\b⋯{0,12}\b(?:all|tonight|for good|soon)\b|\b(?:going to|gonna|will|i'?ll) end it\b"
        r"|\bplan(?:ning)? (?:how|when) to do it\b|\bend everything\b",
        # second round: the same intent in other words (杀了自己, 想一了百了, 把自己了断)
        r"(?:杀|弄死|杀死|杀掉)(?:了|掉)?自己|(?:了结|了断)(?:了|掉)?自己|把自己⋯{0,4}(?:了断|了结|杀)|(?:想|要|准备|打算)(?:要)?(?:一了百了|了断|了结)"
        r"|(?:决定|想好)⋯{0,6}(?:就)?用(?:这个|这种)(?:办法|方法|方式)(?:走|死|结束|了断)?|(?:打算|准备好?|决定|计划)(?:了)?(?:要)?(?:去)?(?:死"
        r"|自杀|结束生命|了断)",
        # third round: kinds the second train batch showed (放心去死, 给自己一个了断, "then i'm ending it")
        r"(?:可以|能|就|才能|终于能)(?:安心|放心|安安心心)(?:地)?(?:去死|死|走了)|给自己(?:一个)?了断|(?:不用|不想)再(?:活|撑)(?:下去)?了⋯{0,6}(?:走|死|结束)",
        r"\b(?:i'?m|i am|i'?ll be) ending it\b(?! with| off)|\bthen i'?m (?:ending|finishing) (?:it|things)\b(?! with| off)",
        r"\b(?:i'?m|i am) not (?:staying|going to stay|gonna stay) alive\b|\bi won'?t (?:stay|be) alive\b",
    ),
    weak=(
        r"不想再等了|应该快了吧|就这样吧⋯{0,4}再见|不想再(?:撑|坚持|忍|熬)了|一了百了|累了⋯{0,4}想休息了⋯{0,4}(?:永远|彻底)"
        r"|(?:等|等到)⋯{0,8}(?:走了|睡了|上班了)⋯{0,4}我就去",
        r"\btonight'?s the night\b|\bi'?m (?:so )?done\b(?! with| for| at| talking| eating| here)|\bi want out\b|\bready to go\b"
        r"|\bit'?ll all be over\b|\band then that'?s it\b|\bi'?ve (?:already )?decided\b|\b(?:going to|gonna) do it\b"
        r"|\bit'?s happening\b|\bi mean it this time\b|\bit'?ll be over\b|\bthen i'?m going\b|\bgot everything i need\b",
        # a time set or a thing settled, in a few words: weak, since 时间定了 is also a meeting
        r"(?:已经|日子)(?:定了|定好了)|(?:都|一切都|东西都)准备好了|(?:就|我就)(?:去|走)(?:了)?(?=[。.!?！？]|$)|就是那天(?:了)?|不会(?:再)?回来了"
        r"|(?:我)?已经决定了(?=[,，。!?\s]|$)|(?:去|就去)做那件⋯{0,8}事",
        r"\b(?:and )?i (?:don'?t|do not) mean (?:a |on |the )?(?:holiday|vacation|trip|app|job|quitting"
        r"|leaving|literally|figuratively)\b|\bnot (?:going|coming) (?:back )?home\b|\b(?:then"
        r"|and then) i'?m (?:done|gone)\b(?! with| for| at| talking)",
        r"\bi'?ll do it\b(?= ?[.!]|$)|\bi'?m doing it\b(?= ?[.!]|$)",
    ),
    faint=(
        r"解脱|想走了",
        r"\bi can'?t anymore\b",
    ),
)

PASSIVE_WISH = SignSet(
    "passive_wish",  # C-SSRS 1: wishing to be dead or not to wake up, without a plan
    strong=(
        r"不想(?:再)?(?:有|要|过)明天了?|不要明天了",
        r"不想(?:再)?醒(?:来|过来)?|(?:希望|但愿|真希望|巴不得|想|好想|要是能)⋯{0,6}(?:别|不要|不用|不再|再也不|不会)(?:再)?(?:醒|睁开眼)"
        r"|别让我(?:再)?醒|一睡不醒|一觉不醒|长睡不醒|长眠|(?:睡|睡过去|睡着)了?(?:就)?(?:别|不要|再也不|永远不)(?:再)?醒"
        r"|(?:不醒|没醒|醒不过来|不再醒|不用醒)⋯{0,4}(?:就好|多好|该多好|也好|就好了)|永远(?:地)?睡(?:下去|过去|着)"
        r"|(?:希望|但愿)(?:自己|我)⋯{0,8}(?:没了|死了|死掉|消失了?|不在了|不存在)|(?:要是|如果|希望|真希望|巴不得)⋯{0,12}"
        r"(?:掉下去|坠机|出事|出事故|出车祸|被车撞|撞死|没了|死了|死掉|得(?:个)?绝症|病死|摔死|砸死)⋯{0,6}(?:也行|也好|就好了|多好|也不错|挺好|就好)"
        r"|死了?(?:也|倒|就)(?:不错|挺好|也好|好了|无所谓|是解脱|没关系)|死掉也(?:无所谓|没关系|好)|活着(?:真|好|太|都|也|还|实在)?(?:没|没有)(?:什么|啥)?"
        r"(?:意思|意义|盼头|劲)|活着有(?:什么|啥)(?:意思|意义|用)|活着(?:就是|只是)?(?:一天天地?)?(?:受罪|煎熬|折磨)"
        r"|(?:从来)?(?:没有|没|不该|不要)(?:被)?(?:出生|生下来|来到这个世界)(?:过)?(?:就好|多好)?|宁愿(?:从来)?(?:没有|没|不)(?:出生|生下来)"
        r"|为什么要(?:把我)?生(?:下来|出来)|为什么(?:我)?还活着|(?:如果|要是)我⋯{0,4}消失了?|永远消失|想(?:永远)?不存在|不想(?:再)?存在"
        r"|死了(?:都|也)?没人(?:在乎|知道|发现|难过)|羡慕(?:那些)?(?:死去|死了|走了|去世)的人|(?:不怕|不再怕)死了?|死(?:亡)?(?:好像)?也没(?:那么|什么)(?:可怕|好怕)"
        r"|(?:早点|快点)(?:死|结束这一生|走)(?:掉|了)?(?:就好|吧)|下辈子不想(?:再)?(?:做人|投胎)|不想(?:再)?(?:面对|迎接)明天"
        r"|(?:走了|死了|没了|死掉|不在了|醒不过来|出意外)⋯{0,4}(?:也挺好|也好|也行|就好了|挺好的|也不错|就解脱了)|死(?:掉|亡)?(?:也)?是(?:一种)?解脱"
        r"|(?:对|对这个世界|对人间|对活着)(?:已经)?没有(?:什么|任何)?(?:留恋|牵挂|眷恋)|希望⋯{0,8}(?:车|东西|什么)⋯{0,4}(?:撞过来|撞死|砸下来|砸死|撞上来)"
        r"|活着(?:真|好|太)?没劲|厌世"
        r"|(?:死|去世|离开)⋯{0,6}(?:是不是|会不会)⋯{0,6}(?:轻松|解脱|好一点|就好了)|(?:累|困)⋯{0,6}(?:永远|一直)睡(?:下去|着)|希望(?:自己)?⋯{0,10}(?:生病|得病|出事|出意外|被撞|被车撞|被砸|病倒)|羡慕⋯{0,8}(?:去世|死了|走了|不在)的|想(?:永远)?(?:睡|躺)(?:下去)?不(?:起来|醒)|(?:活着|人生)(?:真|好|太)?多余"
        r"|(?:祈祷|希望|但愿)明天(?:不要|别|不会)(?:来|到来)|(?:车祸|出事|出意外|掉下去|没了)⋯{0,6}(?:也不是(?:什么)?坏事|也不坏|也没什么不好)|(?:想|要是能|希望|真想)(?:永远|一直)睡下去|不如早点(?:结束|走|死)|(?:自己|我)的葬礼|(?:如果|要是|假如)(?:有一天)?我(?:不在了|死了|没了)|(?:死|去世|离开)了?⋯{0,4}(?:是不是|会不会)就(?:不用|能|可以)|不想(?:再)?睁(?:开)?眼",
        r"\bwish(?:ing)? i (?:was|were|'d been|had been) (?:dead|never born|not alive|gone)\b|\bwish i (?:was|were)n'?t (?:alive|here|born)\b"
        r"|\bwish i (?:could )?(?:just )?(?:disappear|die|stop existing|not wake up|sleep forever|fall asleep and (?:never|not) wake up|not exist|wasn'?t here)\b"
        r"|\b(?:don'?t|do not|dont|never) want to wake up\b|\bhope i (?:just )?(?:don'?t|won'?t|never|do not) wake up\b|\bnot (?:to )?wake up (?:tomorrow|again|anymore)\b"
        r"|\bsleep and (?:never|not) wake up\b|\b(?:hope|hoping|wish|wishing|want|wanting)⋯{0,40}\bnot (?:to )?(?:be here|exist|be alive|wake up)\b"
        r"|\bno (?:point|reason) (?:in |to )?(?:living|being alive|keep living|live|going on|stay alive)\b|\bnothing to live for\b"
        r"|\bwhat'?s the point (?:of|in) (?:living|being alive|life|going on)\b|\b(?:tired|sick) of (?:living|being alive|existing|life)\b"
        r"|\b(?:life|living) (?:is|isn'?t|is not) (?:not )?worth (?:living|it)\b|\brather be dead\b|\bnever (?:been|be) born\b|\bwhy am i (?:still|even) (?:alive|here)\b"
        r"|\b(?:disappear|vanish|fade away) (?:forever|for good|permanently)\b|\bstop existing\b|\bcease to exist\b|\bdon'?t want to exist\b"
        r"|\bwouldn'?t (?:mind|care) (?:if i )?(?:dying|died|not waking up|getting hit)\b|\bhope (?:a|the) (?:car|bus|truck|train|plane) (?:hits|crashes)\b"
        r"|\bif i (?:died|were gone|was gone|didn'?t wake up)⋯{0,40}\b(?:relief|better|fine|wouldn'?t mind|okay|ok)\b|\benvy (?:the dead|people who die)\b"
        r"|\b(?:death|dying) (?:sounds|seems|would be|feels) (?:like )?(?:a relief|peaceful|nice|easier|a holiday|a rest)\b|\bnot afraid (?:of|to) (?:die|dying|death) anymore\b"
        r"|\bif (?:a|the) (?:truck|car|bus|train) (?:hit|hits|ran over|runs over) me\b⋯{0,30}\b(?:fine|okay|ok|good|relief|so be it|wouldn'?t mind)\b"
        r"|\bwouldn'?t (?:mind|care) if i (?:never (?:woke|wake) up|died|didn'?t wake up|disappeared|wasn'?t here|was gone)\b"
        r"|\bhop(?:e|ing) something (?:bad )?happens to me\b|\bdeath sounds like\b"
        r"|\b(?:wish|hope|hoping|wishing)\b⋯{0,40}\b(?:an accident|get sick|got sick|get hit|got hit|crash(?:es|ed)?|die in my sleep|not exist|not wake|didn'?t wake)\b|\bif i (?:die|died|was dead|were dead|'m gone|was gone|disappeared)\b⋯{0,30}\b(?:relief|peace|better|easier|fine|nobody|no one|wouldn'?t)\b|\bi (?:don'?t|do not) (?:care|mind) if i (?:die|live|wake up|don'?t wake up)\b"
        r"|\b(?:pray|praying|hope|hoping)\b⋯{0,20}\b(?:won'?t|will not|wouldn'?t) be here\b|\b(?:okay|ok|fine) with not (?:existing|being)\b|\bstop being alive\b|\ba crash (?:wouldn'?t|would not|might not) be (?:the worst|so bad)\b|\bhope (?:it|the plane) (?:doesn'?t|won'?t|wouldn'?t) land\b|\bpeaceful\b⋯{0,30}\bnot (?:exist|be here|wake up)\b|\bnot come back\b|\bif i didn'?t wake up\b",
        # second round: wishes to be gone, put other ways (祈祷别再醒, 一觉睡过去再也不用醒, 永久关机, 希望某天我就不在了)
        r"(?:祈祷|盼着?|巴望)⋯{0,6}(?:别|不要|不用|不再|再也不)(?:再)?(?:醒|睁眼|睁开眼)|(?:睡|睡过去|睡着|闭上眼)⋯{0,6}(?:再也)?(?:不用|不要|别"
        r"|不会)(?:再)?醒|(?:永久|永远|彻底)(?:地)?(?:关机|下线|离线)|(?:希望|但愿|盼着?|祈祷|巴不得|就想)⋯{0,12}我(?:就)?(?:不在了|没了|不存在了?"
        r"|消失了)(?=[,，。!?\s]|$|吧|就好|也好)|(?:如果|要是|假如)⋯{0,12}我(?:就)?(?:不存在了?|不在了|死了|消失了)(?=[,，。!?\s]|$|吧|就好|也好|会)"
        r"|我(?:也)?不会(?:再)?在了|(?:要是|如果|希望|巴不得)⋯{0,12}(?:车|意外|事故|飞机|地震)⋯{0,8}(?:也行|也好|就好了|多好|也不错|挺好|也没关系)|(?:希望"
        r"|盼着?)⋯{0,10}(?:查出|得|生)(?:点|个|一场)?(?:什么)?(?:大病|绝症|重病|癌)|(?:希望|盼着?|巴不得)(?:自己|我)?(?:能)?(?:出个?|遇到"
        r"|碰上)(?:什么|点|场)?(?:意外|事故|车祸)|(?:去世|死去|死了)的人⋯{0,10}羡慕|棺材⋯{0,8}(?:想|要)(?:躺)?进去|想(?:躺)?进棺材|药{3,}⋯{0,10}睡",
        # third round: an end welcomed (撞上了反而解脱, 查出绝症松一口气, 掉下去也挺好)
        r"(?:撞上|被撞|掉下去|摔下去|出事|出意外|坠机|飞机掉)⋯{0,8}(?:反而|倒是|倒)?(?:解脱|松(?:了)?一口气|挺好|也好|也行|无所谓)"
        r"|(?:绝症|癌症|大病|重病)⋯{0,12}(?:松(?:了)?一口气|解脱|挺好|也好|反而)|(?:一直|永远|就这样)睡⋯{0,8}(?:忘了我|不醒|下去)",
        r"\b(?:envy|jealous of|envious of)\b⋯{0,20}\b(?:the dead|people who(?:'ve| have)? died|(?:he|she)'?s at rest|at rest|dead people)\b"
        r"|\bwouldn'?t fight it if\b|\b(?:go on then|just) take me\b|\b(?:meteor|asteroid|plane|bus|truck|lorry)\b⋯{0,30}\b(?:i'?d (?:honestly )?say thanks|i'?d be grateful|thank (?:it|god))\b"
        r"|\bwishing i (?:wasn'?t|weren'?t|was not|were not) (?:alive|here|born)\b",
        r"\b(?:want|wanna|wish|hope|like) to (?:just )?(?:sleep|go to sleep|fall asleep) (?:forever|for good"
        r"|and never|and not)\b|\bsleep forever\b|\b(?:eternal|permanent|endless) (?:sleep|nap|rest)\b"
        r"|\bthe big sleep\b|\b(?:close|shut) my eyes (?:forever|for good|and not wake)\b|\bhop(?:e|es|ed"
        r"|ing)\b⋯{0,20}\b(?:don'?t|won'?t|never|do not|not) wake up\b|\bif (?:a|the) (?:truck|car|bus|train"
        r"|lorry)\b⋯{0,12}\b(?:hit|hits|ran over|runs over)\b⋯{0,50}\b(?:relie(?:f|ved)|fine|okay|ok"
        r"|wouldn'?t mind|grateful|glad)\b|\b(?:disappear|vanish|go away|gone)\b⋯{0,40}\bnot (?:in )?(?:the"
        r"|a) (?:holiday|vacation|fun|travel|trip) (?:way|sense|kind)\b",
    ),
    weak=(
        r"消失就好|没意思透了|人生(?:快进|快点结束)|不想(?:再)?面对(?:这个世界|一切)",
        r"\bbe relieved if it all stopped\b|\bwant to disappear\b|\bjust not be here\b|\bwant (?:it|everything) to stop\b|\bdon'?t want to be here\b",
        r"(?:羡慕|想)⋯{0,6}(?:没了|不在了)的人|(?:别|不要)(?:跟我)?说(?:会好的|会好起来|一切都会好)|(?:哪天|有一天|万一)我(?:没来|不在了|没了|不见了)|(?:消失"
        r"|离开|不在|没了)⋯{0,10}不是(?:出去玩|旅游|度假|请假|休假|字面)|不是(?:出去玩|旅游|度假|请假|休假)(?:的)?那种⋯{0,10}(?:消失|没了|不在)",
        r"\bdisappear\b⋯{0,30}\bnot (?:a|on|the) (?:holiday|vacation|trip)\b|\bi'?d be relieved\b"
        r"|\bdisappointed (?:to wake|when i wake)\b|\bsomewhere (?:i|no one|nobody) (?:can'?t|can|will never"
        r"|won'?t) (?:be found|find me)\b",
    ),
    faint=(
        r"想消失|活着(?:好|真|太)(?:累|难)",
        r"\bwant to be alone forever\b",
    ),
)

HOPELESSNESS = SignSet(
    "hopelessness",  # hopelessness, feeling trapped, no way out (NIMH, 988)
    strong=(
        r"看不到(?:明天|未来|任何(?:希望|出路|未来)|活下去|一点希望|出路)|没有明天|(?:人生|生活|日子|这辈子|未来|活着)(?:已经|彻底|完全|根本)?(?:没|没有|看不到)(?:任何|一点)?"
        r"(?:希望|出路|盼头|意义|光)|没有任何(?:盼头|希望|意义|出路)|走投无路|万念俱灰|心如死灰|无路可走|无处可逃|没有出路|死路一条|毫无希望"
        r"|(?:这样)?活着(?:还)?有什么意义|(?:人生|活着)(?:到底)?(?:有什么|为了什么)|永远(?:都)?(?:熬|走|逃|爬)不出(?:去|来)|爬不出(?:去|来)了"
        r"|(?:再也|真的再也|一点都|实在|根本)(?:撑|坚持|熬|扛|挺)不(?:下去|住)|(?:撑|坚持|熬|扛|挺)不下去了?(?!⋯{0,2}(?:就|的话))"
        r"|(?:人生|这辈子|我的一生)(?:已经|彻底|就这样)?完了|一切都(?:没有意义|完了)|(?:好|彻底|深深的?|真的很)绝望|对(?:人生|生活|未来|自己)(?:彻底)?(?:失去|没有)(?:了)?(?:希望|信心)"
        r"|(?:永远|一辈子)(?:都)?(?:好不了|不会好|是这样)|不会(?:再)?(?:变好|好起来)了|(?<!开)心(?:已经)?死了|放弃(?:了)?(?:自己|人生|一切|活下去)"
        r"|这辈子(?:也|大概|可能)?就这样了|(?:没有人|没人|谁都|谁也)(?:能)?救(?:不了)?我|救不了(?:自己|我)"
        r"|(?:永远|一辈子|这辈子|再也)⋯{0,6}(?:好不了|不会好|出不去|逃不掉|翻不了身|还不清|熬不出)|找不到(?:活下去|继续下去)的(?:理由|意义|动力)|(?:活|撑|坚持)下去的(?:理由|意义|动力)⋯{0,4}(?:没有|找不到|看不到)|(?:没有|找不到|看不到)⋯{0,4}(?:活|撑|坚持)下去的(?:理由|意义|动力)|(?:困|关)在⋯{0,10}(?:出不去|没有门|没有出口|没有窗)"
        r"|不知道(?:为什么|为了什么|凭什么)(?:要|还要)?(?:继续|活着|坚持|活下去)|(?:没有人|没人|谁都|谁也)(?:能)?帮(?:不了)?我|这辈子(?:大概|可能)?就是这样",
        r"\bcan'?t see (?:a|any) (?:way out|future|tomorrow|point|light|end)\b|\b(?:see )?no way out\b|\bno future (?:for me|left)\b|\bi have no future\b"
        r"|\bi (?:feel|am|'m) (?:so |completely |totally |utterly )?hopeless\b|\b(?:life|everything|my life) (?:is|feels) (?:hopeless|pointless|meaningless)\b"
        r"|\bnothing (?:is )?(?:ever )?(?:going to|will|gonna) (?:ever )?(?:get|be|change|go) (?:better|right)\b|\bgets? better[.!,;]* (?:but )?(?:it|they) (?:doesn'?t|don'?t|won'?t|never)\b"
        r"|\bcan'?t (?:keep going|go on|keep doing this|do this anymore)\b|\bdon'?t see (?:the|any) point (?:in|of) (?:continuing|living|going on|anything)\b"
        r"|\b(?:a|any) way out and there (?:isn'?t|is not|'s not) one\b|\bgiv(?:e|en|ing) up on (?:life|living|everything|myself)\b"
        r"|\b(?:it|things|life) (?:will|is going to) never (?:get|be) better\b|\bthere'?s no hope\b|\bno light at the end\b|\bstuck (?:like this )?forever\b"
        r"|\bno way (?:this|it|things) (?:ever )?gets? better\b|\bcan'?t see myself (?:getting|making it|lasting|surviving)\b|\brun out of (?:reasons|hope)\b"
        r"|\b(?:i have|i'?ve got) nothing left\b"
        r"|\b(?:no|can'?t find (?:a|any)) (?:reason|point) to (?:keep going|go on|continue|carry on|keep living|keep trying)\b|\b(?:i'?m|i feel|i am) (?:stuck|trapped|cornered)\b⋯{0,20}\b(?:forever|no way|nowhere|no exit|no escape)\b|\bthere(?:'s| is) no (?:way out|escape)\b"
        r"|\b(?:don'?t|do not) know why i (?:keep going|bother|keep trying|am still here)\b",
        # second round: no future, no reason, no way out (看不到以后, 活着图啥, 找不到任何继续下去的理由)
        r"看不到(?:以后|将来|未来的?任何)|活着(?:到底)?(?:图啥|图什么|为了啥|为了什么)|找不到⋯{0,4}(?:活下去|继续下去|活着|坚持下去|撑下去)的(?:理由|意义|动力)"
        r"|活着的(?:理由|意义)⋯{0,10}(?:写不出|找不到|想不出|一个都(?:没有|写不出|想不出))|(?:人生|生活|日子)⋯{0,4}没有(?:出口|尽头)",
        r"\bdone hoping\b|\bstopped (?:believing|hoping)\b⋯{0,30}\b(?:better|different|change)\b",
    ),
    weak=(
        r"撑不住|扛不住了|被困(?:住|在)|逃不掉|逃不出去|没有出口|怎么走都是墙|看不到(?:希望|尽头|头)"
        r"|(?:是说|说的是)这辈子|永远的那种|活不动了|走不动了|没有任何办法|怎么努力都没用"
        r"|一切都(?:没用|没有用|白费)|(?:怎么|无论怎么)(?:努力|做|挣扎)都(?:没用|没有用|一样)|(?:债|网贷|欠款|贷款)⋯{0,12}(?:还不清|还不上)|(?:像|好像)⋯{0,8}(?:溺水|沉下去|掉进|井里)"
        r"|看不到底|什么都不想要了|(?:我|自己)(?:已经|彻底)完了|我(?:真的)?累了|出不去|没有(?:任何)?改变",
        r"\btrapped\b|\bno exit\b|\bcan'?t take (?:it|this) any ?more\b|\b(?:i'?m|i am) done trying\b"
        r"|\bnever (?:going to|gonna) get better\b|\bexhausted of everything\b"
        r""
        r"|\b(?:it|this|things|life) (?:will|is going to|'s going to|'ll) (?:never|always) (?:change|end|be like this|stop)\b|\b(?:debts?|loans)\b⋯{0,30}\b(?:never|can'?t) (?:pay|get out)\b"
        r"|\bi'?m (?:so )?tired of (?:trying|fighting|everything)\b|\bnothing (?:i do )?(?:matters|helps)\b",
        r"没(?:有)?尽头|生不如死|(?:真的)?没(?:有)?办法了|没有出口|(?:每天)?醒来⋯{0,6}(?:就是)?绝望|(?:不想|不愿)再(?:试|挣扎)了",
        r"\bno future\b|\b(?:it'?s|things are|life is|it is) (?:not|never) (?:going|gonna) to get better\b"
        r"|\b(?:tomorrow|life) (?:won'?t|will never|will not) be (?:any )?different\b|\b(?:don'?t|can'?t"
        r"|do not|cannot) see (?:a|any) future\b",
    ),
    faint=(  # everyday words: half a weak sign
        r"绝望|困住了|困在|没救了|不会好了|好不起来了|生无可恋|喘不过气|窒息|黑洞|深渊|井底|麻木|没有意义",
        r"\bwhat'?s the point\b|\bno hope\b|\bhopeless\b|\bdrowning\b|\bpointless\b|\bnumb\b|\bnothing (?:ever )?changes\b|\bnothing will\b",
    ),
)

BURDEN = SignSet(
    "burden",  # feeling a burden to others, that others would be better off (988, C-SSRS)
    strong=(
        r"(?:我|我就|我只)是(?:个|一个)?(?:累赘|拖累|负担|包袱|多余的人?|祸害|错误)|最大的(?:拖累|负担|累赘)就是我|我的存在(?:就是)?(?:个|一个)?(?:错误|负担|多余)"
        r"|拖累(?:了)?(?:家人|家里|爸妈|父母|爸爸|妈妈|孩子|所有人|你们)|(?:做|当|成为)⋯{0,6}(?:负担|拖累|累赘)|不想(?:再)?(?:拖累|麻烦)(?:任何人|大家|家人|爸妈)"
        r"|(?:没有|少了)我[,，]?(?:的话)?[,，]?(?:他们|大家|家人|你们|爸妈|父母|世界|家里|所有人)?⋯{0,6}(?:更好|轻松|解脱|省心|开心|幸福)"
        r"|我(?:不在|消失|死|走)了?(?:以后|之后)?[,，]?⋯{0,8}(?:更好|轻松|解脱|省心)|没有我⋯{0,4}(?:也一样|照样)|(?:世界|大家)上?(?:少了|没了)我"
        r"|活着就是(?:给⋯{0,6})?(?:添麻烦|拖累|负担|浪费)|(?:我)?死了比活着(?:有用|好|值钱)|不配活(?:着|下去)|(?:保险|赔的钱|赔偿金)⋯{0,10}(?:爸妈|家里|家人|还房贷|还债)"
        r"|(?:没有人|没人|谁都不)需要我|只会(?:给人|给别人|给大家)?(?:添麻烦|拖后腿|拖累)|(?:爸妈|父母)(?:白养|白生)了我|都是因为我⋯{0,6}(?:家|爸妈|他们)"
        r"|拖油瓶|要不是因为我|不用再为我(?:操心|担心|花钱|受累)|我是⋯{0,6}的?(?:累赘|拖累|负担|包袱)"
        r"|我(?:只会|就会|总是)(?:拖累|连累|给⋯{0,4}添麻烦)|我(?:的存在|活着)(?:就是|只是)?⋯{0,4}(?:麻烦|负担|拖累|浪费|错误)",
        r"\b(?:i'?m|i am|i feel like)(?: just)? (?:a|such a|nothing but a) (?:burden|drain)\b|\bburden (?:to|on|for) (?:everyone|my family|them|you all|my parents|others|people|the people)\b"
        r"|\bbetter off without me\b|\bwithout me,? (?:the problem|everything|everyone|they|my family|the world|things)\b|\bhappier without me\b"
        r"|\b(?:no one|nobody|no-one) (?:would|will|'d) (?:even )?(?:miss|notice|care)\b|\b(?:world|everyone) (?:would be|is) better without me\b"
        r"|\blife insurance (?:would|will|could|payout)\b|\bworth more dead\b|\bdon'?t deserve to (?:live|be alive|exist)\b|\bnobody needs me\b"
        r"|\btired of being a burden\b|\bi only (?:make things worse|drag (?:everyone|them) down)\b|\b(?:would|will|'d) be better off (?:with|if)\b"
        r"|\bif i (?:were|was) gone\b⋯{0,40}\b(?:wouldn'?t have to|would be (?:better|happier|fine|free)|could)\b|\b(?:i'?m|i am) the problem in\b"
        r"|\b(?:everyone|they|my family|people|my parents|my kids)\b⋯{0,20}\b(?:would|will|'d) (?:be )?(?:better|happier|relieved|fine|free)\b⋯{0,20}\b(?:without me|if i (?:was|were) gone|if i wasn'?t here|if i died)\b|\b(?:i'?m|i am) (?:just )?(?:a|an) (?:burden|weight|drain|inconvenience)\b"
        r"|\bdead weight\b|\b(?:they|everyone|my family)(?:'d| would) be better off\b|\bnothing but (?:trouble|a problem|a burden)\b",
        # second round: others better off, put other ways (我死了对爸妈反而是好事, 不如没有我, 少我一个, 没有我的人生)
        r"我(?:要是|如果)?(?:死了|不在了)⋯{0,10}(?:好事|更好|轻松|解脱|省心|享福|就不欠|不用再)|(?:没有|少了|没了)我⋯{0,8}(?:享福|过得好|好过|过上好日子|几好"
        r"|都好|也挺好)|(?:我这种|我这样的)(?:人|女儿|儿子|孩子)⋯{0,6}(?:不如没有|不配活|多余|活着干嘛)|不如没有(?:我|生我)|没有我的(?:人生|生活|日子|世界)|少我一个"
        r"|我的存在⋯{0,4}(?:错误|负担|多余)|(?:赔的钱|保险金|意外险)⋯{0,12}(?:比我|好事)",
        r"\bi'?m (?:just )?taking up space\b|\b(?:stop|quit) being (?:everyone'?s|a|their) (?:problem"
        r"|burden)\b|\b(?:everyone|they|my family|people|my parents|my kids)\b⋯{0,20}\b(?:would|will"
        r"|'d) (?:be )?(?:better|happier|relieved|fine|free)\b⋯{0,20}\bif i (?:just )?(?:was|were|wasn'?t"
        r"|weren'?t) (?:gone|here|around|alive)\b|\b(?:insurance|policy"
        r"|payout)\b⋯{0,20}\bworth more than (?:i am|me)\b",
    ),
    weak=(
        r"拖累|没人在乎我|欠他们太多|白养"
        r"|(?:因为我|为了我|我害得)⋯{0,10}(?:吵架|受苦|花光|借钱|辛苦|操心)",
        r"\beveryone'?s problem\b|\bone less problem\b|\bwaste of (?:space|air|oxygen)\b|\bruin(?:ing)? everyone'?s\b"
        r"|\bholding everyone back\b|\bdragging (?:everyone|them) down\b"
        r"|\b(?:all|everything) i do is (?:cause problems|hurt people|let (?:people|everyone) down)\b|\bcost(?:ing)? (?:my family|them|my parents) (?:so much|everything)\b"
        r"|\bi'?m the reason (?:my parents|they|everyone)\b",
        r"我欠(?:所有人|大家|家里)|只会(?:消耗|拖累)|(?:我|自己)(?:对⋯{0,6})?(?:没有|毫无)(?:任何)?(?:价值|用处)|都是我害的|不想(?:给|让)(?:人|别人|家里"
        r"|任何人|爸妈)(?:留|添)?麻烦|(?:别|不)再(?:麻烦|拖累|连累)(?:任何人|家人)",
        r"\beveryone'?s problem\b|\b(?:their|everyone'?s|my family'?s|my parents'?) li(?:fe|ves) (?:would|will"
        r"|'d) (?:get|be) (?:easier|better|lighter)\b",
    ),
    faint=(
        r"添麻烦|没用的人|废物|都怪我|都是我的错",
        r"\bi ruin everything\b|\bit'?s all my fault\b",
    ),
)

FAREWELL = SignSet(
    "farewell",  # saying goodbye, giving things away, putting affairs in order (NIMH, 988)
    strong=(
        r"遗书|遗言|(?:交代|安排)(?:好)?(?:了)?后事|后事(?:都)?(?:安排|交代|准备)|永别|来生再见|下辈子(?:再)?见|下辈子再(?:做|当)(?:你|您)的|最后一封信"
        r"|(?:银行卡?|支付宝|微信|所有|全部|各种|手机和电脑|手机|电脑)(?:的)?密码⋯{0,14}(?:都)?(?:写|留|记|放|整理)(?:下|好|在|给)"
        r"|(?:还清|还完|打给家里|打回家|打完|交代完|安排好|处理完|不想欠着?(?:任何人|别人|谁))⋯{0,12}就(?:可以|能)?(?:安心|放心)?(?:地)?走"
        r"|(?:猫|狗|宠物|孩子)(?:以后)?就(?:交给|拜托|托付给)你|替我(?:照顾|孝顺|陪)(?:好)?(?:爸妈|父母|家人|我妈|我爸)|(?:猫|狗|宠物)托付给"
        r"|以后(?:不会|不用)再(?:打扰|麻烦)(?:你们|大家)|再也见不到(?:我|你们)了|这是我(?:的)?最后(?:一条|一次|一个帖)|我(?:走|不在)了?(?:以后|之后)"
        r"|(?:跟|和|向)(?:大家|你们|这个世界)(?:告个别|告别|道别|说再见)|(?:一切|该做的事|事情)都(?:安排|处理|交代)好了|了无牵挂|没有(?:什么)?牵挂了"
        r"|(?:存款|积蓄|所有的钱|全部的钱)⋯{0,6}(?:都)?(?:转给|留给|打给)了?(?:我妈|我爸|爸妈|家里|妈妈|父母)"
        r"|最后一(?:条|个)(?:帖子?|动态|朋友圈|消息)|(?:信|遗书)⋯{0,6}放在(?:枕头|桌|抽屉|床)|以后(?:你们)?就?不用再(?:担心|管|操心)我了"
        r"|告诉(?:我妈|我爸|我爸妈|家里|爸妈)⋯{0,10}(?:对不起|我爱|别难过|别哭|不是(?:你们|他们)的错)|我(?:不在|走)了?⋯{0,6}(?:别难过|别哭|好好(?:活|照顾))|(?:以后|往后)⋯{0,6}(?:替我|帮我)(?:照顾|看着|孝顺)"
        r"|(?:不知道|没发现)这是最后|(?:猫|狗|宠物)⋯{0,8}(?:以后)?(?:归|交给|送给|留给)(?:我妹|我姐|我弟|我哥|室友|朋友)",
        r"\bsuicide note\b|\bgoodbye (?:forever|world|cruel world)\b|\bthis is (?:my )?goodbye\b|\bmy (?:last|final) (?:post|message|words|note|goodbye)\b"
        r"|\bwon'?t be (?:around|here) (?:much longer|any ?more|tomorrow|for long|to see)\b|\bwon'?t (?:hear|see) from me (?:again|anymore)\b"
        r"|\bsee you (?:all )?in (?:the )?next life\b|\b(?:updated|made|wrote|finished|writing|drew up) (?:a|my) will\b|\bby the time (?:you|anyone) reads? this\b"
        r"|\b(?:wrote|written|writing|left|leaving) (?:down )?(?:all )?my (?:bank )?⋯{0,30}\b(?:passwords?|pins?)\b⋯{0,40}\b(?:for|to) (?:my )?(?:mum|mom|mother|dad|father|sister|brother|family|wife|husband|parents)\b"
        r"|\bbank passwords?\b|\b(?:sent|sending|transferred|wired) (?:all )?my (?:savings|money|salary|paycheck) (?:home|to my (?:family|parents|mom|mum))⋯{0,40}\b(?:then|after that|so) i can (?:go|leave|rest)\b"
        r"|\btake care of my (?:cat|dog|pets?|kids|plants|mom|mum|parents) (?:for me )?(?:when|after|once) i'?m gone\b|\b(?:found|finding) (?:a )?(?:new )?homes? for my (?:cat|dog|pets?)\b"
        r"|\btell my (?:mom|mum|dad|parents|family|sister|brother|kids) (?:i'?m sorry|i love (?:her|him|them))\b|\bmade peace with (?:it|my decision|everything)\b"
        r"|\bwon'?t be (?:needing|using) (?:them|it|those|any of it)\b|\bwon'?t be posting (?:any ?more|again)\b|\b(?:for )?my (?:own )?funeral\b"
        r"|\b(?:tell|let) (?:my )?(?:mom|mum|dad|parents|family|sister|brother|kids|wife|husband|partner|son|daughter)\b⋯{0,25}\b(?:i'?m sorry|i love (?:her|him|them)|(?:it'?s )?not (?:their|her|his) fault|not to be sad|don'?t be sad)\b|\b(?:look after|take care of) (?:my|mum|mom)\b⋯{0,20}\b(?:for me|when i'?m gone|after i'?m)\b"
        r"|\blast time i'?ll (?:be on here|post|write)\b|\bmy (?:cat|dog|pets?) (?:will go|goes|is going) to\b",
        # third round: things handed on for after (遗物, 以后不能陪你了, "for when i'm dead")
        r"\bfor when i'?m (?:dead|gone|not here)\b|\bwho gets my\b⋯{0,40}\bwhen i'?m (?:dead|gone)\b|\bsaying sorry to everyone while i can\b",
        r"遗物|以后(?:不能|没法|没办法)(?:再)?陪(?:你|你们|妈|爸)了|写了?(?:一份)?遗嘱|(?:托|交)(?:咗|付|给)⋯{0,4}(?:阿妈|我妈|我姐|我哥|朋友)⋯{0,8}(?:冇嘢|没什么|没有什么)要交代",
    ),
    weak=(
        r"拜托你们了|交给你们了|永远的那种"
        r"|(?:给|写给)(?:爸妈|父母|家人|妈妈|爸爸|孩子|女儿|儿子|男朋友|女朋友|老公|老婆)⋯{0,4}(?:写了|留了)?(?:一封|几封)?(?:很长的)?信"
        r"|写了?(?:一封|几封)?(?:很长的)?信给(?:爸妈|父母|家人|妈妈|爸爸)|心里(?:反而|出奇地?|终于)(?:很)?平静|终于没有什么放不下|放不下的"
        r"|(?:把|将)(?:我的)?(?:猫|狗|宠物|东西|衣服|游戏机|电脑|吉他|收藏|存款|书)⋯{0,8}(?:送人|送给|送掉|托付|交给|留给|捐)|密码写在|密码(?:都)?在"
        r"|立(?:了|好)?遗嘱|(?:删|注销|清空)(?:掉|了)?(?:所有|全部)(?:的)?(?:账号|聊天记录|照片|朋友圈)|保险受益人|存款⋯{0,6}(?:转给|留给)"
        r"|别告诉(?:我家里人|任何人|我爸妈|我妈|家里)|别(?:来)?找我|不要救我|别救我|最后(?:跟|和)(?:你们|大家)说"
        r"|再见了(?:这个世界|大家)?|对不起⋯{0,8}(?:这些年|一直以来)|不是(?:你们|任何人)的错"
        r"|以后我就不来了|不想(?:留给|连累)家里|只留了一张",
        r"\bi'?m sorry for everything\b"
        r"|\b(?:writing|wrote|written) (?:letters?|a letter|notes?) (?:to|for) (?:my |each of )?(?:family|mom|mum|dad|parents|kids|them)\b"
        r"|\bcalm for the first time\b|\b(?:gave|giving|give) (?:away )?my \w+ (?:to|away)\b|\bgave away\b"
        r"|\bpasswords? (?:are|is) in\b|\bwhat to do with my (?:stuff|things)\b|\bnobody has to clean up after me\b"
        r"|\b(?:i'?m|i am) almost (?:finished|done) here\b|\b(?:affairs|things) in order\b|\btie up loose ends\b|\bbeneficiary\b"
        r"|\bdeleted all my (?:accounts|photos|posts)\b|\bsorted things out\b|\bcancell?ed (?:all )?my (?:subscriptions|accounts)\b"
        r"|\bwhere my (?:important )?(?:documents|papers|passwords|will|keys) are\b|\bletters? for everyone\b"
        r"|\bsend (?:mum|mom|my (?:family|parents)) the money\b|\bdon'?t (?:call|tell) anyone\b"
        r"|\bnot (?:your|their|anyone'?s) fault\b|\blast (?:goodbye|message)\b|\bi'?ve (?:left|written) (?:a |my )?(?:note|letter)s?\b|\b(?:paid|paying) off (?:all )?my (?:debts|loans|credit cards?)\b|\b(?:cleaned|tidied) (?:up )?my (?:room|flat|apartment|desk)\b"
        r"|\bso (?:mum|mom|my family|they|no one|nobody) (?:won'?t|doesn'?t|don'?t|will not) have to\b|\bmy last (?:year|days|weeks)\b",
        # second round: farewells and affairs in order; weak, since 走之前 and 'before i go' are also the end of a shift
        r"(?:其实|实际上)是(?:在)?(?:告别|道别)|(?:就|才)(?:可以|能)(?:放心|安心)(?:地)?走了|(?:走|离开)之前⋯{0,10}(?:留点|给家里|交代|总得|不想欠|还清"
        r"|还完)|给每个人(?:都)?(?:写|留)|写(?:好)?了?给(?:每个人|你们|大家)的|定时发送|(?:希望|别|不要)⋯{0,6}(?:不要|别)(?:太)?难过|不想让(?:爸妈|家人"
        r"|家里|我妈|我爸)⋯{0,8}难(?:受|过)|(?:微博|朋友圈|聊天记录|账号|相册|照片|社交账号)⋯{0,6}(?:都|全)?(?:清空|删光|删掉|删了|注销)|(?:猫"
        r"|狗)⋯{0,6}送走|(?:以后|反正)⋯{0,4}(?:也)?用不上了|不是(?:辞职|离职|跳槽|旅游|度假|出去玩)(?=[,，。!?\s]|$)|受益人|给(?:我的|我家)?(?:猫|狗"
        r"|宠物|狗狗|猫咪|鱼|鹦鹉)(?:找好了?|找到了?|安排好了?)(?:新的?)?(?:主人|家|领养)",
        r"\bbefore i go\b(?=[.!,;]|$)|\b(?:so|then|and) i can (?:finally )?(?:go|rest)\b(?=[.!,;]|$)"
        r"|\bgoodbye (?:texts|messages|letters|notes|videos)\b|\bwon'?t (?:need|be needing) (?:it|them"
        r"|anything|help|any of it) (?:much )?(?:longer|anymore|any more)\b|\bmade my peace with\b"
        r"|\bletters? (?:to|for) (?:each of|every one of) (?:you|them|my)\b|\bletters? (?:to"
        r"|for) (?:my )?(?:mum|mom|dad|sister|brother|parents|wife|husband) and\b|\b(?:wrote|written|writing"
        r"|left|put) (?:down )?(?:the |my |all my )?(?:pin|pins|passwords?)\b⋯{0,30}\b(?:for (?:my )?(?:sister"
        r"|brother|mum|mom|dad|wife|husband|family|parents)|so (?:nobody|no one)|fridge)\b"
        r"|\bdeleted (?:all )?my (?:socials|social media|instagram|accounts)\b|\b(?:tidy|tidying|wrap|wrapping"
        r"|tie|tying) up (?:the |my )?loose ends\b|\bsold (?:most of |all of )?my (?:stuff|things"
        r"|belongings)\b|\bnobody has to (?:struggle|deal|clean)\b",
    ),
    faint=(
        r"对不起(?:所有人|大家|爸妈|爸爸妈妈|你们)?|原谅我|谢谢(?:你们|大家)|大家再见|再见了|照顾好自己|爱你们|最后(?:一次|一眼|一顿|一面)|拜拜了|最后一(?:晚|夜|天)",
        r"\bgoodbye everyone\b|\bbye everyone\b|\bforgive me\b|\bthank you (?:all )?for everything\b|\bi love you all\b|\bi feel (?:so )?calm\b|\bat peace\b|\btake care of yourselves\b|\bin my (?:desk )?drawer\b|\bjust in case\b|\blast (?:time|look|meal)\b",
    ),
)

MEANS = SignSet(
    "means",  # a method named, means gathered, places and heights (C-SSRS 3-5, 988)
    strong=(
        r"割腕|割脉|上吊|烧炭|卧轨|服毒|投河|跳湖|喝(?:农药|百草枯|敌敌畏|老鼠药|消毒液)|吃(?:了)?(?:一整瓶|整瓶|一瓶|一把|所有|全部|几十|一盒|整盒)(?:片|颗|粒)?的?(?:安眠药|药)"
        r"|(?:吃|吞)多少(?:片|颗|粒)?(?:才)?(?:会|能)(?:死|致死)|多少(?:片|颗|粒)⋯{0,4}(?:致死|会死)|致死量|药量⋯{0,6}(?:死|致死)"
        r"|吞(?:了|下)?(?:一整瓶|整瓶|一瓶|一把|一堆|所有|全部|几十|一盒|一板|很多|好多)⋯{0,4}(?:药)|(?<![a-z])od(?![a-z])了?|过量服药"
        r"|跳楼|跳河|跳江|跳海|跳桥|从(?:楼上|楼顶|天台|桥上|窗户|阳台|\d+楼)(?:上)?(?:跳|往下跳)|我就去(?:那座|那个|那条)(?:桥|江边|河边|楼顶|天台)"
        r"|(?:站台|轨道|铁轨|马路中间|车流)⋯{0,12}(?:往前走一步|跳下去|走一步|冲出去|走进去)|(?:想|真想|好想|差点)(?:开车|油门)?⋯{0,6}(?:撞|冲)(?:向|上|进|出)?(?:隔离带|护栏|桥墩|墙|大货车|对面|江里|河里)"
        r"|(?:怎么|怎样|如何)(?:才能)?(?:死|自杀)|(?:不痛|无痛|没有痛苦|不痛苦|最快)的?(?:死法|方式|方法)|死法|几楼(?:跳下去|才|够)|多高(?:才|会|能)(?:死|摔死)"
        r"|(?:搜|查|百度|搜索)(?:了)?⋯{0,10}(?:死法|自杀|致死|会死|怎么死)|走进(?:海里|水里|河里|江里)|(?:绳子|围巾|皮带)⋯{0,6}(?:脖子|勒|吊|挂在)"
        r"|(?:查|搜|百度|搜索|研究|问)(?:了)?⋯{0,8}(?:楼顶|天台)(?:的门)?⋯{0,4}(?:怎么上|能不能上)|(?:几种|哪种|什么)(?:方法|方式|办法)⋯{0,10}(?:不痛|最快|痛苦|死)"
        r"|跳下去(?:会不会|会)(?:很)?(?:冷|痛|疼|难受)|(?:想象|幻想|想着)⋯{0,8}(?:掉下去|跳下去|摔下去|撞上去)|往(?:护栏|隔离带|桥墩|大货车|对面)(?:上)?撞"
        r"|有一瓶(?:百草枯|农药|安眠药|敌敌畏)|药{3,}⋯{0,8}(?:睡过去|睡着|不醒|走|结束|解脱|再见)|(?:吃|吞)(?:了)?药{3,}"
        r"|(?:楼顶|天台|顶楼|阳台|窗边|窗台|窗户|桥|江边|河边|海边|栏杆|护栏|站台|高架)⋯{0,12}(?:往下看|看着下面|看了很久|站了很久|跳下去|掉下去|翻过去|走一步|够高|会不会死|多高|几楼)|(?:查|搜|百度|问|研究|看)了?⋯{0,12}(?:会死|致死|死法|怎么死|几楼|多高|多少片|不痛|痛不痛|能不能死)|(?:开车|高架|方向盘|油门)⋯{0,12}(?:打过去|冲过去|撞上去|撞过去|冲出去|不踩刹车)|(?:买(?!家|方)|准备|藏|网购|拿到)(?:了|好)?⋯{0,8}(?:木炭|农药|百草枯|敌敌畏|老鼠药|刀片)(?!⋯{0,6}(?:烧烤|烤肉|杀虫|除草|灭鼠))",
        r"\bhang(?:ing)? myself\b|\bslit my (?:wrists?|throat)\b|\bcut my wrists?\b|\bod'?d\b|\bo\.d\.\b"
        r"|\bhow many (?:pills|tablets|sleeping pills|of my \w+)⋯{0,20}\b(?:to die|would kill|it takes to die|is lethal|to kill)\b|\blethal dose\b"
        r"|\bjump(?:ing)? (?:off|from) (?:the|a|my|that) (?:roof|bridge|building|balcony|window|ledge|cliff|overpass|car park|parking garage)\b"
        r"|\b(?:jump|step|stepping|jumping|walk|walking) in front of (?:a|the) (?:train|bus|truck|car)\b|\bstep into traffic\b|\bon the (?:train )?tracks\b"
        r"|\b(?:thought|think|thinking|urge|tempted|want|wanted|going|gonna|plan|planning) (?:about )?(?:to )?(?:just )?"
        r"(?:driv(?:e|ing)|swerv(?:e|ing)|crash(?:ing)?) (?:my car )?(?:into|off)\b|\bgun to my head\b|\bbought a gun\b|\bhow high (?:do|does|would)\b"
        r"|\b(?:painless|quickest|easiest|least painful) way to (?:die|go|do it)\b|\b(?:researched|googled|searched|looked up) (?:how|ways|methods)⋯{0,30}\b(?:die|suicide|lethal|overdose)\b"
        r"|\bhow many (?:of )?(?:my |these |those )?\w+ (?:it )?(?:would|will|does it) take\b|\b(?:googled|looked up|searched|researched|checked)⋯{0,30}\b(?:highest|tallest|deepest|painless|lethal|fastest)\b"
        r"|\b(?:which|what) (?:bridge|building|floor|car park|way|method)⋯{0,30}\b(?:highest|tallest|no fence|no railing|painless|quickest|fastest)\b"
        r"|\b(?:which|what|the most) (?:way|method) is (?:the )?(?:painless|quickest|easiest|least painful)\b|\bbought (?:a |some )?(?:rope|razor blades?|a gun)\b"
        r"|\bnot turn(?:ing)? the wheel\b|\b(?:let|letting) go of the wheel\b|\bdrive (?:straight )?(?:into|through) the (?:divider|barrier|wall)\b"
        r"|\b(?:floor|roof|bridge|car park|parking|balcony|rooftop)⋯{0,30}\bno (?:fence|railing|barrier)\b|\bi (?:overdosed|took an overdose|want to overdose|'m going to overdose)\b"
        r"|\b(?:roof|rooftop|bridge|ledge|balcony|window|overpass|car park|parking garage|platform|tracks|cliff|railing)\b⋯{0,40}\b(?:looked down|looking down|stood there|standing there|how high|high enough|the drop|over the edge|one step|lean(?:ed|ing)? over|climb(?:ed|ing)? over)\b|\b(?:looked up|googled|searched|researched|reading about|read about)\b⋯{0,40}\b(?:how many|how much|how long|how high|lethal|fatal|painless|overdose|which bridge|tallest|ways to die)\b|\b(?:think|thought|thinking|urge|imagine|imagined|tempted|want|wanted)\b⋯{0,30}\b(?:drive|driving|drove|swerve|swerving|steer)\b⋯{0,20}\b(?:into|off|oncoming)\b|\b(?:hid|hidden|hiding|keep|kept|stashed)\b⋯{0,20}\b(?:razor blades?|blades|rope|pills|gun)\b⋯{0,20}\b(?:drawer|wallet|bag|closet|car|under my bed)\b",
        # second round: a means looked into or a place chosen
        r"(?:几|好几|好多|各)种(?:方法|方式|办法|死法)⋯{0,12}(?:不痛|痛苦|死)|过量(?:会|能|了)?(?:怎样|怎么样|会死|致死)|想好了?从哪(?:一段|里|儿|层"
        r"|个)(?:跳|下去)?|油门(?:踩到底|一踩)⋯{0,8}(?:结束|就完|解脱|一了百了)",
        r"\bmethods\b⋯{0,30}\b(?:would hurt|it'?d hurt|painless|least painful)\b"
        r"|\bgarage\b⋯{0,40}\bengine running\b|\bengine running\b⋯{0,40}\bgarage\b"
        r"|\b(?:pills ?){3,}\b⋯{0,20}\b(?:tonight|goodbye|bye|wine|alcohol|vodka)\b|\btak(?:e|ing) (?:all"
        r"|every one|the whole lot) of (?:my pills|my meds|the pills|my tablets|my sleeping pills)\b"
        r"|\b(?:looking|looked|look|reading|read|researching|researched|searching|searched|googling"
        r"|googled) (?:up |into |about )?(?:methods\b(?! (?:of|for|to|that|which|in|on))|ways to (?:die|do it"
        r"|end it))|\b(?:thinking about|think about|dreaming of|ready for|ready to use) (?:the |a "
        r"|my )?(?:rope|noose|razor|pills)\b(?! (?:for|to|from|shop|store|sale|order|product|refund))",
    ),
    weak=(
        r"安眠药|药{3,}|绳子|刀片|天台|楼顶|栏杆|农药|(?:炭|木炭)⋯{0,6}(?:买|备)|安定|褪黑素|煤气",
        r"\b(?:pills ?){3,}\b|\bsleeping pills\b|\brope\b|\bblade in my\b|\brazor\b|\bcharcoal\b|\bthe edge\b|\bthe ledge\b|\bhigh enough\b"
        r"|\boverdos(?:e|ed|ing)\b|\bnoose\b",
        r"(?:桥|楼顶|天台|江边)上?(?:没人|没有人)|想(?:往下|往前)?跳(?=[,，。!?\s]|$|了)|(?:去|上)(?:过)?(?:楼顶|天台|顶楼)(?:看过|看了|试过)|(?:楼顶"
        r"|天台|顶楼)⋯{0,10}(?:门)?(?:没锁|没有锁|能上去|上得去)",
        r"\b(?:i'?ve got|i have|i bought|got) (?:the|a) (?:rope|noose|razor|blades?|gun|charcoal)\b"
        r"|\bkeeping (?:razor )?blades\b|\bcount(?:ed|ing) (?:out )?(?:all )?my (?:pills|tablets|meds)\b"
        r"|\b(?:standing|sitting|stood|sat) on the (?:bridge|roof|ledge|edge|railing|rooftop)\b|\b(?:two|three"
        r"|four|five|several|different|multiple) (?:different )?(?:pharmacies|chemists|drugstores|doctors)\b"
        r"|\b(?:checked|checking|tested|scouted|went up to)\b⋯{0,20}\b(?:roof|rooftop|ledge"
        r"|bridge)\b⋯{0,20}\b(?:open|unlocked|access|no fence|high enough)\b",
    ),
    acute=(
        r"(?:炭|木炭)⋯{0,6}(?:和|跟|加|还有|、)?⋯{0,6}胶带|胶带⋯{0,6}(?:炭|封(?:住|好|死)?(?:门|窗))|封(?:好|住|死)了?(?:门缝|窗缝|门窗)"
        r"|(?:攒|囤)(?:了|够|好)?⋯{0,8}(?:安眠药|药片|止痛药|褪黑素|药)|药⋯{0,10}(?:应该)?够了|积攒的药|买(?:好|了)(?:安眠药|农药|百草枯)|多开(?:了)?(?:点|一些)?(?:安眠)?药"
        r"|(?:栏杆|护栏|窗户|阳台|窗台)⋯{0,12}(?:想|差点)?翻(?:过去|出去)|(?:站|坐)(?:在|到)(?:阳台|天台|楼顶|窗台|桥)(?:上|边)?⋯{0,4}往下看"
        r"|绳子⋯{0,4}(?:准备好|买好|挂好|系好)|(?:准备好|买好|挂好|系好)(?:了)?(?:的)?绳子|(?:楼顶|天台)的门(?:没锁|没有锁|开着)"
        r"|(?:药|安眠药|药片)⋯{0,8}(?:都)?(?:存着|攒着|留着|藏着|囤着)|(?:加起来|一共|总共|数了数?)⋯{0,6}(?:有)?(?:几十|\d{2,}|[二三四五六七八九]十)多?(?:片|颗|粒)"
        r"|分别开了?⋯{0,4}(?:安眠)?药|(?:几|三|两|多)(?:个|家)医院⋯{0,8}开(?:了)?(?:安眠)?药|(?:绳子|刀片|药|炭|农药)⋯{0,6}藏(?:在|到|好)|踩(?:过|好)(?:了)?点|试(?:过|了)⋯{0,4}承重|(?:百草枯|农药|敌敌畏)⋯{0,12}(?:给我自己|我自己用|自己喝)"
        r"|(?:挑|选)好了?⋯{0,8}(?:位置|地方|那一段|那条围巾|那根绳)"
        r"|买(?:了|好)?(?:绳子|木炭|炭|农药|百草枯|刀片)⋯{0,8}(?:藏|床底|柜子)"
        r"|(?:攒|囤|存|藏|留)(?:了|着|够|好)⋯{0,10}(?:安眠药|药片|药)|(?:安眠药|药片)⋯{0,10}(?:一个瓶子|一起|够了|够不够)"
        r"|药⋯{0,6}(?:已经)?(?:买好|备好|准备好)",
        r"\b(?:saved|saving|stockpiled|stockpiling|hoarded|hoarding|collected|collecting|stashed|been keeping) (?:up )?(?:all )?(?:my |some |enough |these )?"
        r"(?:sleeping )?(?:pills|meds|medication|tablets|painkillers|insulin)\b|\bcharcoal (?:and|&|\+) (?:duct )?tape\b|\b(?:duct )?tape and charcoal\b"
        r"|\b(?:rope|noose|pills|charcoal|gun|blade|razor)(?: is| are|'s)? (?:ready|prepared|set up|tied|bought|loaded|out already)\b"
        r"|\broof⋯{0,30}\b(?:isn'?t|is not|not|wasn'?t|was not) locked\b|\b(?:got|have|had) the (?:razor|blade|pills|rope|gun) out\b|\benough (?:pills|tablets) (?:now|saved)\b"
        r"|\b(?:months|weeks)'? (?:worth )?of (?:pills|meds|tablets)\b|\b(?:pills|meds|tablets) in one bottle\b|\bcounted (?:my|the) (?:pills|tablets|meds)\b"
        r"|\b(?:checked|tested) the beam\b|\bthe beam in the garage\b"
        r"|\b(?:stockpil\w+|hoard\w*|stash\w*|saved up|saving up|been saving)\b⋯{0,30}\b(?:pills|meds|tablets|paracetamol|tylenol|antidepressants|insulin)\b|\b(?:enough|all my|a whole bottle of|bottles of)\b⋯{0,10}\b(?:pills|meds|tablets|paracetamol|sleeping pills)\b⋯{0,20}\b(?:saved|now|ready|hidden|in my)\b"
        r"|\b(?:pills|rope|blade|razor|charcoal)\b⋯{0,10}\b(?:on my desk|in my bag|in my pocket|in the car)\b⋯{0,40}\b(?:after|tonight|tomorrow|when)\b"
        r"|\bpicked (?:out )?my spot\b|\b(?:weedkiller|pesticide|poison|bleach)\b⋯{0,60}\b(?:decided what it'?s for|isn'?t (?:for )?the garden|for me)\b",
        r"(?:好几|几|多|三|两|四|五|不同的?)(?:个|家)(?:药店|药房|医院|诊所)⋯{0,10}(?:买|开)(?:了)?⋯{0,4}(?:安眠药|安定)",
    ),
)

SELF_HARM = SignSet(
    "self_harm",  # hurting oneself (cutting, burning), often described as relief
    strong=(
        r"自残|自伤|伤害自己|弄伤自己|惩罚自己|(?:想|好想|真想)⋯{0,6}(?:用刀|拿刀)?⋯{0,4}在?(?:胳膊|手臂|手腕|大腿)上?(?:划|割)"
        r"|(?:疼|痛|流血|见血|看到血)(?:了)?(?:反而|才|就)(?:能)?(?:好受|舒服|平静|冷静|安心|清醒|感觉活着|踏实|放松)|(?:拿|用)头撞墙"
        r"|(?:扇|掐|咬|抓)(?:了)?自己(?:的)?(?:耳光|巴掌|手臂|胳膊|大腿)?⋯{0,6}(?:出血|流血|青|紫|才)|(?:手臂|胳膊|手腕|大腿)上(?:的)?(?:伤|疤|口子)"
        r"|刀⋯{0,4}(?:手腕|手臂|胳膊|大腿)"
        r"|(?:想|忍不住|控制不住)(?:要|去)?(?:划|割|烫|伤害)(?:自己|一下)"
        r"|(?:烫|疼|痛)⋯{0,6}(?:心里)?(?:反而|才|就)?(?:好受|舒服|平静|轻松)(?:了|多了|一点)|(?:咬|掐|扇|抓|挠)自己(?:的)?|(?:扯|拔)(?:自己的?)?头发",
        r"\bself[- ]?(?:harm|injur)(?:y|ing|ed)?\b|\b(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|burned|burnt|hit|hitting|punch|punching|starve|starving) myself\b"
        r"|\bthe pain (?:is the only thing|makes me feel|helps|calms)\b|\bonly thing that makes the noise\b|\burge to (?:cut|hurt myself|burn)\b"
        r"|\bfeel (?:something|real|alive) when i (?:cut|bleed|burn|hurt)\b|\b(?:hide|hiding|cover|covering) (?:the |my )?(?:cuts|scars|burns)\b"
        r"|\bi (?:want|need) to cut\b|\burge won'?t go away\b"
        r"|\b(?:the pain|bleeding|the sting|cutting|burning|hurting myself) (?:helps|calms|makes me feel)\b"
        r"|\b(?:blade|razor|cutting|burning)\b⋯{0,30}\bthe only thing that (?:helps|works|makes)\b|\bkeep a (?:razor|blade)\b",
        # second round: hurting oneself, other verbs and bodies
        r"(?:看着|看到)血⋯{0,10}(?:心里|才|舒服|好受|平静)|(?<!恨不得)(?<!真想)(?<!想)扇(?:了)?自己⋯{0,6}(?:耳光|巴掌)|(?:用|拿)⋯{0,8}(?:弹|掐"
        r"|磕|扎|刺|烫|划|割|砸)(?:自己|手腕|手臂|胳膊|大腿|手背|手心)⋯{0,10}(?:红肿|破皮|出血|流血|淤青|起泡|青紫|舒服|好受|才能)",
        r"\b(?:cigarette|lighter)\b⋯{0,20}\bon my (?:wrist|arm|hand|skin|thigh|leg)s?\b|\b(?:knife|blade"
        r"|razor) ?blood\b",
    ),
    weak=(
        r"(?:夏天|大热天)(?:也|还)穿长袖|(?:手上|手臂上|胳膊上|腿上|手腕上)的?(?:疤|伤疤|伤口)|戒了(?:三|两|几|半|\d+)个?(?:月|周|天|年)|划完⋯{0,6}(?:就|才)|还是(?:左|右)(?:手臂|胳膊|手腕|大腿)|破戒",
        r"\b(?:\d+|two|three|four|five|six) (?:days|weeks|months) clean\b|\blong sleeves\b|\brelapsed\b",
        r"(?:戒|忍)了(?:三|两|几|半|一|\d+)个?(?:月|周|天|年)|(?:弹|打|掐|磕|撞|抓|挠|咬|扎|刺|烫|划|割|捶|砸)(?:到|得)⋯{0,6}(?:红肿|破皮|出血|流血"
        r"|淤青|起泡|青紫|见血)|(?:划|割|刺|扎|烫|掐|咬)(?:了)?自己(?:的)?",
        r"\b(?:haven'?t|have not|not) (?:touched|used) (?:it|them|the \w+) (?:in|for) (?:a|\d+|two|three"
        r"|six) (?:years?|months?|weeks?|days?)\b|\buntil (?:it|they|my \w+) (?:blister(?:ed|s)?|bled|bleeds?"
        r"|split|bruised)\b|\b(?:pain|sting|burn|blood)\b⋯{0,20}\b(?:made me|makes me) feel (?:real|alive"
        r"|something|calm)\b|\b(?:scratch|scratched|scratching|picked|bit|bitten|pinched)\b⋯{0,15}\b(?:raw"
        r"|bloody|until (?:it|they) bled)\b",
    ),
    faint=(
        r"长袖|伤口|疤|创可贴|结痂|没忍住",
        r"\bscars\b|\bbandages?\b",
    ),
    acute=(
        r"(?:又|今天又|昨晚又|还是)(?:划|割|烫)(?:了)?(?=[,，。!?\s]|$)|(?:手臂|胳膊|手腕|大腿|手背)(?:上)?(?:又)?(?:划|割|烫)(?:了|出)|(?:划|割|烫|掐)(?:了|伤了|破了)?(?:自己|手腕|胳膊|手臂|大腿)"
        r"|(?:手臂|胳膊|手腕|大腿)上(?:又)?多了⋯{0,3}(?:道|条|个)|(?:烟头|打火机|烙铁|开水)(?:烫|烧)(?:了)?(?:自己|手|胳膊|手臂|大腿)"
        r"|(?:烫|烧)(?:了|伤了)自己|刀血|(?:用)?(?:刀片|美工刀|小刀|剪刀|玻璃|圆规)⋯{0,8}(?:划|割|刺|扎)(?:了|出|破)|忍不住又(?:划|割|伤害自己)"
        r"|(?:掐|抓|咬|挠)(?:到|得|出)⋯{0,4}(?:出血|流血|破|青|紫)|(?:拿|用)头撞墙撞(?:到|得|了)"
        r"|(?:划|割|烫|掐|咬|扎|刺)(?:了|伤|破|出|到)⋯{0,6}(?:手臂|胳膊|手腕|大腿|手背|皮肤|手指)"
        r"|(?:刻|扯|拔)(?:了|到|出|破)⋯{0,6}(?:手臂|胳膊|手腕|大腿|皮肤|头皮|出血)|(?:刀|美工刀|刀片)⋯{0,8}(?:大腿|手臂|胳膊|手腕)上(?:刻|划|割)了",
        r"\bcut(?:ting)? (?:again|deep)\b|\bcutting my (?:arms?|thighs?|wrists?|legs?|skin)\b|\bscratch(?:ing|ed)? (?:my arms?|myself|my skin) (?:until|till) (?:they|it|i) bleeds?\b"
        r"|\b(?:cigarette|lighter) (?:burns? )?on my\b|\bburn(?:ed|t) my (?:arm|arms|wrist|skin|thigh|hand)\b|\bfresh cuts\b|\bi cut (?:last night|today|tonight|again)\b"
        r"|\brelapsed (?:on|into|with) (?:cutting|self[- ]harm|burning)\b"
        r"|\b(?:bit|bite|biting|scratched|scratching|pressed|pressing|dug|digging|pinched|pinching|picked|picking)⋯{0,30}\b(?:until|till|til) (?:it|they|i) (?:bled|bleed|bleeds|bruised|bruise)\b"
        r"|\b(?:cut|cutting|burn(?:ed|t|ing)?|scratch(?:ed|ing)?|bit|biting|carv(?:ed|ing)|pinch(?:ed|ing)?)\b⋯{0,20}\bmy (?:arms?|wrists?|thighs?|legs?|skin|hands?|palms?|stomach)\b⋯{0,25}\b(?:until|till|again|on purpose|to feel|so i)\b"
        r"|\b(?:hit|hitting|punch(?:ed|ing)?|slap(?:ped|ping)?)\b⋯{0,20}\bmy (?:legs?|arms?|thighs?|face|stomach|head)\b⋯{0,25}\b(?:until|till)\b|\brelapsed (?:last night|today|tonight|again)\b|\b\d+ days? (?:gone|lost)\b",
        r"(?:又|今天又|昨晚又|刚才又)(?:划|割|烫)了(?:几|一|两|三|好几)(?:道|下|刀|条)",
    ),
)

TIMING = SignSet(
    "timing",  # when: tonight, after payday; or the danger is already now (C-SSRS: recent behaviour)
    weak=(  # "when" words: never a sign on their own, they make a sentence's intent acute
        r"今晚|今天晚上|今夜|就今天|就在(?:今天|今晚|明天|明晚|那天|那晚)|就(?:明天|明晚|那天)|今天就|现在就|马上就|一会儿就|待会儿?就|(?:明天|明晚|后天|周末|这周末|下周|月底|过年)(?:我)?就"
        r"|发(?:了)?工资|工资一发|等发工资|拿到工资|过完(?:年|生日|这周)|交完班|下完班|最后一(?:晚|夜|个夜班|个班)|等(?:他们|家里人|室友)?(?:都)?睡(?:着)?了"
        r"|天亮(?:之前|前)|就这(?:周|两天|个周末)|(?:还|交|发|过|做|办|忙)完⋯{0,10}(?:我)?就",
        r"\btonight\b|\bthis weekend\b|\btomorrow (?:night|morning)\b|\bafter (?:payday|my (?:last )?shift|work|the holidays|my birthday)\b"
        r"|\bwhen i get paid\b|\bright now\b|\bin an hour\b|\bby (?:friday|saturday|sunday|monday|the end of the (?:week|month))\b"
        r"|\bwhen (?:everyone|they|my roommates?) (?:is |are )?(?:asleep|gone)\b|\bbefore (?:sunrise|morning)\b|\b(?:get|got) paid\b"
        r"|\bthis (?:friday|saturday|sunday|monday)\b|\bafter my last shift\b",
    ),
    acute=(
        r"已经⋯{0,4}(?:吃|吞|喝|服)(?:了|下)?⋯{0,8}(?:药|农药|片|颗|瓶)|(?:药|安眠药|农药)⋯{0,4}(?:都)?(?:吃|吞|喝)(?:了|下去了|完了)"
        r"|(?:一整板|一整瓶|一瓶|一把|所有的?药|全部的?药)⋯{0,4}(?:都)?(?:吞|吃)(?:了|下去)|刚(?:刚)?(?:吃|吞|喝)(?:了|下)?⋯{0,6}(?:一整|一瓶|一把|所有|全部|几十)"
        r"|(?:已经|现在|正)(?:站|坐|爬)(?:在|到|上)(?:了)?(?:天台|楼顶|顶楼|窗台|桥上|桥边|栏杆|江边|河边|护栏|海边)"
        r"|坐在⋯{0,6}(?:栏杆|护栏|天台边|楼顶边|窗台)上|腿悬在外面|(?:流血|血)⋯{0,4}(?:止不住|停不下来|一直流|流了好多)"
        r"|(?:炭|木炭)(?:已经)?(?:点|烧)(?:上|着|起来)了|手脚(?:有点)?发麻|(?:药效|药劲)(?:上来|发作)|(?:写|发)完这(?:条|段)⋯{0,4}就(?:走|去|跳)"
        r"|日子(?:我)?(?:已经)?(?:定|选)好了|(?:定|选|挑)好(?:了)?日子|(?:现在|已经|正)在(?:楼顶|天台|顶楼|桥上|江边|河边|海边|铁轨|站台边)"
        r"|(?:吃|吞)了?(?:几十|[二三四五六七八九]十|\d{2,})多?(?:片|颗|粒)"
        r"|(?:现在|此刻|正在|已经)⋯{0,6}(?:在|站在|坐在)⋯{0,4}(?:楼顶|天台|桥上|江边|河边|海边|窗台|栏杆|站台边|铁轨)|(?:已经|刚刚?)⋯{0,6}(?:吃|吞|喝|割|划)(?:了|下|完)⋯{0,8}(?:药|片|农药|手腕|很深)|(?:今晚|明天|明晚|后天|周末|月底|过完年|发工资后|发完工资|下班后|生日那天|那天晚上|那天|\d+号|下周[一二三四五六日天]?|周[一二三四五六日天])⋯{0,10}(?:就|要|准备|打算|决定)⋯{0,6}(?:走|死|跳|结束(?=[,，。!?\s]|$|了|吧|自己|生命|一切|这一切)|了断|去死)"
        r"|刚才⋯{0,6}(?:吃|吞|喝)(?:了|下)⋯{0,8}(?:药|片|农药)",
        r"\b(?:already|just) (?:took|swallowed|taken|downed)⋯{0,20}\b(?:pills|meds|tablets|bottle)\b|\bi took (?:all|the whole bottle)\b|\bstarting to kick in\b"
        r"|\b(?:i'?m|i am|im) (?:already )?(?:on|at) the (?:roof|bridge|ledge|edge|railing|tracks)\b|\b(?:won'?t|can'?t|doesn'?t|will not) stop bleeding\b"
        r"|\bi'?ve (?:picked|chosen|set) (?:the|a) (?:day|date)\b(?! for)|\bthe charcoal is (?:lit|burning)\b|\bwhen you read this\b⋯{0,20}\bgone\b"
        r"|\b(?:on|at) the edge of the (?:roof|bridge|building|platform|cliff|balcony)\b|\b(?:pills|meds|tablets) are (?:starting to )?(?:work|kick)|\bstarting to work\b"
        r"|\bdon'?t try to (?:stop|find|save) me\b"
        r"|\b(?:i'?m|i am|right now|currently)\b⋯{0,20}\b(?:on|at|in) the (?:roof|bridge|ledge|tracks|river|edge)\b|\b(?:already|just)\b⋯{0,20}\b(?:took|taken|swallowed|lit|tied)\b⋯{0,20}\b(?:pills|tablets|meds|charcoal|rope|bottle|them all)\b|\b(?:tonight|tomorrow|this weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|after (?:payday|my shift|christmas|new year|my birthday)|next week)\b⋯{0,30}\b(?:i'?ll|i will|i'?m going to|going to|gonna) (?:do it|go through with it|end it|kill myself|jump|take them)\b|\b(?:it'?s|they'?re) (?:kicking|starting to kick) in\b"
        r"|\bwaiting for (?:my )?\w+ to (?:leave|go to (?:work|sleep)|fall asleep)\b",
        r"\b(?:took|swallowed|taken) (?:every pill|the whole (?:bottle|box|pack|packet) of (?:pills|meds"
        r"|tablets|sleeping pills))\b",
        # third round: harm under way in other words (swallowed everything in the cabinet, the gas is on)
        r"\b(?:swallowed|took|taken|downed) (?:everything|all of (?:it|them)|the lot|what was left|every (?:pill|tablet))\b⋯{0,40}\b(?:ago|cupboard|cabinet|drawer|bottle|feel|sick|sleepy|dizzy)\b"
        r"|\b(?:lit|lighting) the charcoal\b|\bthe gas is on\b|\bdoor'?s taped\b|\bwrong side of the (?:railing|fence|barrier|rail)\b"
        r"|\b(?:in the bath|in the tub)\b⋯{0,20}\b(?:razor|blade|knife)\b|\balready started\b⋯{0,20}\b(?:can'?t|cannot) (?:really )?feel\b",
        r"刚(?:刚|才)?(?:划|割)得?(?:很|好|太)?深|血⋯{0,6}(?:弄脏|止不住|流了一地|滴)|(?:炭|木炭)⋯{0,4}(?:点上|点着|烧起来)了|(?:煤气|燃气)⋯{0,4}(?:开着|打开了|开了)⋯{0,10}(?:门窗|窗|门)⋯{0,4}(?:关|封)",
    ),
)

SIGN_SETS = (INTENT, PASSIVE_WISH, HOPELESSNESS, BURDEN, FAREWELL, MEANS, SELF_HARM, TIMING)

# Idioms and everyday words that contain a sign's words but mean something else; blanked before matching.
_IDIOM_LIST = (
    r"(?:累|笑|气|忙|烦|热|冷|饿|困|吓|卖|渴|痛|疼|急|丑|挤|吵|蠢|懒|馋|美|帅|萌|甜|撑|晒|冻|闷|憋|卷|穷|抠|辣|尬|尴尬)死",
    r"(?:开心|高兴|幸福|感动|羡慕|无聊|郁闷|紧张|后悔|麻烦|可爱|好看|好吃|舒服|心疼|激动|佩服|丢人|倒霉|难吃|难看|吵闹)死",
    r"砍一刀|血亏|血赚|吐血|血拼|狗血|热血|心血|血本无归|一针见血|血压|割韭菜|割肉|要(?:了我的|人)命",
    r"死(?:机|循环|链接?|磕|角|线|规定|工资|对头|胡同|党|宅|忠|心塌地|皮赖脸|记硬背|板|活)",
    r"想死(?:你|您|他|她|大家|宝宝|我了|我啦)|想死的心都有|死的心都有",
    r"笑(?:得|到)?(?:不活了|想死|去世)|(?:原地|当场|直接|瞬间)(?:去世|升天|暴毙)|社死|社会性死亡",
    r"被⋯{0,6}(?:气|烦|骂|逼|累|折磨|催|吵|恶心|笑)死|打死(?:我)?(?:也|都)不",
    r"不想活(?:在|成|动|跃|泼|儿)|(?:工资|收入|价格|房租|这点钱|底薪)⋯{0,8}活不下去",
    r"自杀(?:式|小队|率|新闻|干预|预防|热线)|(?:预防|防止|防|干预)自杀",
    r"跳楼(?:价|甩卖|大甩卖|清仓|大促|秒杀|机)|上吊(?:牌|带|顶|灯)|吊牌|下辈子(?:再也)?不(?:做|当|干)",
    r"\bdying to\b|(?<!want )(?<!wanna )(?<!need )(?<!ready )\bto die for\b(?! real)|\b(?:die|died|dying|dead) (?:of|from) (?:embarrassment|laughter|laughing|boredom|cringe|shame|cuteness)\b",
    r"\b(?:hurt|cut|burn(?:ed|t)?) myself (?:on|while|opening|lifting|shaving|cooking|slicing|chopping|ironing|at the gym|playing)\b",
    r"\bcut(?:ting)? myself (?:some slack|off)\b|\b(?:hit|bumped) myself (?:on|against) the\b",
    r"\b(?:want|wanna) to live (?:in|with|like|near|there|here)\b|\bdon'?t want to live (?:in|with|like|near|there|here)\b",
    r"\bsuicid(?:e|al) (?:mission|squad|run|drill|sprints?|burpees|doors?|pricing|prices?|sales?|discounts?|marketing|deals?)\b",
    r"\b(?:political|career|social|commercial|financial|brand|professional|corporate|marketing|business) suicide\b",
    r"\bsuicide (?:prevention|hotline|helpline|awareness|rates?|statistics|training|research|lifeline)\b|\bprevent(?:ing)? suicide\b",
    r"\bself[- ]?harm (?:disclosure|policy|script|protocol|procedure|awareness|module|training|resources?|guidelines?|questions?|screening)\b",
    r"\bkilling myself (?:trying|to (?:hit|meet|get|make|finish)|over (?:this|that|the)|at work|with (?:work|overtime))\b",
    r"\boverdos(?:e|ed|ing) on (?:coffee|caffeine|sugar|chocolate|boba|bubble tea|memes|netflix|kindness|cuteness)\b",
    r"\bcan'?t (?:go on|keep going) (?:break|leave|holiday|vacation|lunch|the call|shift|air|a date|a trip)\b",
    r"\bcould sleep for(?:ever| a week| days)\b|\bdead (?:tired|on my feet|inside lol)\b|\bjump(?:ed)? (?:ship|the gun)\b",
    r"(?<![0-9])\d+ ?kms\b",
    r"(?:系统|电脑|手机|网络?|软件|店铺?|账号|千牛|程序|服务器|打印机)⋯{0,4}死了?算了",
    r"(?:店|店铺|商家|公司|平台|行业|生意|小店)⋯{0,6}(?:活不下去|死了算了|要死了)",
    r"(?:电影|小说|书里|剧里|新闻|历史|古人|作家|诗人|名人)⋯{0,10}(?:遗书|遗言)|(?:看|读)(?:了|过)?⋯{0,8}的(?:遗书|遗言)|(?:遗书|遗言)⋯{0,4}(?:电影|小说|剧|这本书)",
    r"想撞墙|撞墙(?!撞)|(?:健身|减肥|学习|背单词|跑步|早起|节食|打卡|这份工作|工作|这个班|夜班|早班|大促|双十一)⋯{0,6}(?:撑|坚持|熬|扛|挺)不(?:下去|住)",
    r"(?:撑|坚持|熬|扛|挺)不(?:下去|住)了?[,，]?⋯{0,8}(?:健身|减肥|学习|奶茶|先停|休息一下|喝口水|下班|摸鱼)",
    r"关于⋯{0,10}(?:自杀|轻生|自残|自伤|跳楼|跳桥|跳河|跳江|割腕|上吊|烧炭)"
    r"|(?:自杀|轻生|自残|自伤|跳楼|跳桥|跳河|跳江|割腕|上吊|烧炭)(?:的|相关的?)(?:书|电影|新闻|话题|题材|文章|视频|纪录片|报道|剧)",
    r"《[^》\n]{1,30}》",  # a title: the name of a book, film or song
    r"(?:想|要)(?:轻生|自杀|寻死|去死|死|跳楼|跳桥|跳河|不开)的(?:人|来电者|客户|顾客|角色|同学|朋友|孩子|网友|用户|求助者)",
    r"(?:扮演|饰演|演|模拟|假装)⋯{0,10}(?:轻生|自杀|寻死|想死|跳楼|自残)",
    r"(?:他|她|他们|她们|朋友|同事|网友|客户|买家)⋯{0,10}(?:发|写|留)(?:了)?⋯{0,6}(?:遗书|遗言)",
    # medicine for an illness is medicine: 吃了好多药感冒还没好, pills for my headache
    r"(?:感冒|发烧|咳嗽|头疼|头痛|胃疼|胃痛|过敏|牙疼|嗓子|拉肚子|鼻炎|生理期|痛经)⋯{0,8}药|药⋯{0,8}(?:感冒|发烧|咳嗽|头疼|头痛|胃疼|胃痛|过敏|牙疼|嗓子|拉肚子|鼻炎|生理期|痛经)",
    r"\b(?:pills?|meds|tablets|medicine|painkillers|ibuprofen|paracetamol)\b⋯{0,20}\bfor (?:my |a |the )?(?:cold|flu|headache|migraine|fever|cough|back|period|cramps|allergies|allergy|stomach|tooth|hangover)\b",
    r"(?:识别|评估|干预|预防|防范|应对)⋯{0,4}(?:自杀|轻生|自伤|自残)(?:风险|倾向|信号)?|(?:自杀|轻生|自伤|自残)的?(?:风险|倾向|信号|征兆|迹象|预警)",
    r"\b(?:talk|talks|session|training|workshop|module|course|lecture|seminar|webinar|class|article|documentary|podcast|video)"
    r" (?:about|on) (?:suicide|self[- ]harm|suicidal \w+)\b",
    r"\b(?:died|death|dies|lost \w+) (?:by|to|from) suicide\b|\bsuicide (?:risk|signs?|warning signs|crisis)\b|\bspot suicide\b",
    r"\bcan'?t (?:go on|keep going)(?: like this)? without (?:coffee|caffeine|a break|sleep|tea|snacks|food|lunch)\b",
    r"\bfor (?:dogs|cats|a dog|a cat|pets|kids|children)\b",
    r"(?:去)?另一个世界了?⋯{0,12}游戏|游戏(?:里的?|的)?(?:另一个)?世界",
)
# English idioms apart from the rest: two small alternations are cheaper to try than one large one, and
# a text without Latin letters needs only the first. English: a word boundary or a word in it, no Chinese.
_IDIOMS = [
    (needs_latin, compile_fast("|".join(
        p for p in _IDIOM_LIST
        if bool(re.search(r"\\b|(?<!\\)[a-z]{2}", p) and not re.search(r"[\u3400-\u9fff]", p)) == needs_latin
    ).replace("⋯", _GAP)))
    for needs_latin in (False, True)
]
# Words quoted from someone else (客户让我“去死”, a trainer's examples): not the writer's own.
_QUOTED = re.compile(r'"[^"\n]{1,40}"|「[^」\n]{1,40}」|『[^』\n]{1,40}』|\'[^\'\n]{0,39}[\u3400-\u9fff][^\'\n]{0,39}\''
                     # English in single quotes: it opens and closes outside a word, so don't and i'm stay inside.
                     r"|(?<![a-z0-9])'(?:[^'\n]|(?<=[a-z])'(?=[a-z])){1,60}'(?![a-z0-9])")
_OWN_QUOTE = re.compile(r"(?:我(?:跟|对|和)?(?:(?!演|扮)⋯){0,6}说|告诉自己|对自己说|\bi (?:said|told \w+|wrote)\b"
                        r"|(?:搜|查|百度|谷歌|输入)(?:了|过)?⋯{0,6}|\b(?:googled|searched(?: for)?|looked up|typed)\b⋯{0,12})\s*[:,]?\s*$".replace("⋯", _GAP))
# A context that makes a whole category read otherwise: charcoal and tape for a barbecue; goodbyes
# on leaving a job or going on holiday. (context, unless, category it silences)
_CONTEXTS = [
    (re.compile(r"烧烤|烤肉|烤串|烤鱼|烤火|取暖|火锅|露营|帐篷|野营|登山|攀岩|晾衣|搬家|打包|\bbbq\b|\bbarbecue\b|\bbraai\b|\bgrill|\btent\b|\bcamping\b|\bhiking\b"
                r"|\bclimbing\b|\btow(?:ing)?\b|\bwashing line\b|\bclothesline\b|\bmoving house\b"),
     re.compile(r"不是(?:用来)?(?:烧烤|烤肉)|说是⋯{0,8}(?:烧烤|烤肉)|\bnot for (?:a |the )?(?:bbq|barbecue)|\b(?:told|said)\b⋯{0,30}\b(?:bbq|barbecue)\b".replace("⋯", _GAP)),
     "means"),
    (re.compile(r"离职|辞职|跳槽|调岗|转岗|毕业|休假|放假|出差|新工作|新公司|(?:公司|单位|店|岗位|团队)[^。.!?;\n]{0,6}最后一(?:天|个班)|最后一天上班|"
                r"\blast day (?:at|of) (?:work|the company|my job)\b|\bnew job\b|\bquit my job\b|\btransferr?(?:ing|ed)\b|\bmoving (?:to|away)\b|\brelocat\w+"
                r"|\bon holiday\b|\bvacation\b|\bleaving the company\b"
                r"|\b(?:bought|buying|buy) (?:a |the |our |my )?(?:flat|house|home|apartment)\b|\bmortgage\b|\badulting\b|\bgot married\b|\bwedding\b|买房|结婚"),
     re.compile(r"不是(?:离职|辞职)|\bnot (?:a |about )?(?:quitting|leaving the job|vacation)"), "farewell"),
    # A burn or a cut from cooking or by accident.
    (re.compile(r"做饭|炒菜|切菜|煮(?:饭|面|汤|粥)|电磁炉|热油|油溅|不小心|烫伤膏|\bcooking\b|\bkitchen\b|\bby accident\b"
                r"|\baccidentally\b|\bpaper cut\b"),
     re.compile(r"故意|\bon purpose\b|\bdeliberately\b"), "self_harm"),
]
_NEGATED_ZH = re.compile(r"(?<!会)(?:不会|不是|并不|并没有?|没有?想过|没有?|从没|从来没有?|从未|不打算|没打算|绝不|绝对不|不要|不用|不至于|不可能|不再|别|不)"
                         r"(?:再|想|要|去|真的|会)?$")
_NEGATED_EN = re.compile(r"\b(?:not|never|no longer|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|isn'?t|aren'?t|nor)(?: [a-z']+){0,2} ?$")
_NOT_NEGATION_EN = re.compile(r"\b(?:not sure|don'?t know|can'?t stop|couldn'?t stop|not even)\b")
_THIRD_PARTY = re.compile(r"(?:客户|买家|顾客|他|她|他们|她们|对方|朋友|同事|网友|有人|别人|邻居|新闻|主角|小说|电影|电视剧|猫|狗"
                          r"|奶奶|爷爷|外婆|外公|姥姥|姥爷|老人|孩子|女儿|儿子|老板|领导|主管|组长|室友"
                          r"|系统|电脑|手机|软件|程序|服务器|千牛|帖子|评论|留言|视频|博主|主播|文章)[^我]*$")
# Someone else's words after a speech verb: 客户说：我不想活了 / the customer wrote "I'll kill myself".
_REPORTED_ZH = re.compile(r"(?:客户|买家|顾客|他|她|对方|网友|有人)(?:⋯{0,6}(?:说|讲|发|留言|评论|写|骂|喊|威胁|吼)道?)?[:：][^我]{0,2}"
                          .replace("⋯", "[^。!?\n]"))
_REPORTED_EN = re.compile(r"\b(?:said|says|wrote|writes|told me|texted|messaged|yelled|screamed|threatened|typed)\b[,:]? ?"
                          r"['\"](?:[^'\"]|(?<=[a-z])'(?=[a-z]))*$"
                          r"|\b(?:customer|buyer|client|caller|he|she|they|someone|somebody)\b[^.!?]{0,24}"
                          r"\b(?:said|says|wrote|writes|typed|types|texted|messaged|yelled|screamed|threatened)\b,? (?:that )?(?:i|i'm|i'll|i'd)? ?$")
_LAUGHING = re.compile(r"哈哈|hhh|😂|🤣|狗头|doge")
_THIRD_PARTY_EN = re.compile(
    r"\b(?:customer|buyer|client|caller|he|she|they|someone|somebody|a (?:man|woman|guy|girl|driver|colleague|coworker)"
    r"|my (?:friend|cousin|colleague|coworker|neighbou?r|son|daughter)|(?:her|his|their) (?:son|daughter|friend|husband|wife|mother|father)"
    r"|the (?:news|movie|book|film|show|character|author|article|label|manual|training|course|leaflet|documentary|podcast"
    r"|guide|website|lecture|video|episode|series|novel|song|lyrics))\b(?:(?!\b(?:i|i'm|i've|me|myself)\b).)*$"
)
# The writer's own word that it is not a crisis: the model may not overrule it (a pattern still may:
# "我不是想怎么样，就是觉得我不在了也挺好" is a wish all the same).
_DISCLAIMED = compile_fast(
    r"(?:不是|并不是|并非|没有|不会|没想|别担心|放心|别误会)(?:要|想|说)?(?:做傻事|想不开|想死|去死|自杀|轻生|寻死|不想活|寻短见|那个意思|那种想法|那种意思|那个死)"
    r"|(?:我|我也|我才|我又)(?:并?不|没|没有)想(?:死|去死|结束(?:自己的)?生命|自杀|轻生|离开这个世界|伤害自己)"
    r"|\bnot (?:suicidal|going to (?:do anything|hurt myself|kill myself)|in (?:a|that) (?:dark|bad|suicidal) way|like that)\b"
    r"|\b(?:don'?t|do not) worry,? i'?m (?:not|fine|ok|okay|safe)\b"
    r"|\bi'?m not (?:going to |gonna )?(?:do anything (?:stupid|silly|drastic|dumb|crazy)|hurt myself)\b"
    r"|\bi (?:don'?t|do not) (?:want|wanna|plan) (?:to )?(?:die|be dead|kill myself|end my life|hurt myself)\b"
    r"|\b(?:it'?s )?not that i want to die\b|\bno(?:t)? (?:plans?|intention) to (?:hurt|kill) myself\b"
    r"|(?:开|说)(?:个|着)?玩笑(?:的|而已|啦|呢)"  # 不想活了……开玩笑的: taken back at once
)
_SURE = 0.95  # how sure the model must be to overrule what the writer says this is ("not suicidal", a barbecue)
_ABOUT_SELF = {"intent", "passive_wish", "means", "self_harm"}  # signs that only count about the writer
_CLAUSE_END = re.compile(r"[,，。.!?;:、\n…]")
_SENTENCE_END = re.compile(r"[。.!?;:\n…]")
_UTTERANCE_END = re.compile(r"[。!?\n]")


_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-z]")


def _compile(signs: SignSet, levels: tuple[str, ...], script: str) -> re.Pattern | None:
    """One category's patterns of the given levels in one script, a named group per level."""
    groups = [(level, [p for p in getattr(signs, level) if bool(_HAN.search(p)) == (script == "zh")]) for level in levels]
    source = "|".join(f"(?P<{level}>{'|'.join(f'(?:{p})' for p in patterns)})" for level, patterns in groups if patterns)
    return compile_fast(source.replace("⋯", _GAP)) if source else None


# (category, script, pattern), the level of a match being the name of its group. Chinese and English
# apart, so a text is scanned only for the script it is written in; weak and faint signs (both points)
# in one scan, since a scan costs about the same whether it matches or not.
_COMPILED = [
    (s.name, script, pattern)
    for s in SIGN_SETS
    for levels in (("acute",), ("strong",), ("weak", "faint"))
    for script in ("zh", "en")
    if (pattern := _compile(s, levels, script)) is not None
]
_POINTS = {"weak": 1.0, "faint": 0.5}  # strong and acute are enough alone
_ACTS = {"intent", "farewell", "means", "self_harm"}  # with timing in the same sentence: acute
# The model's classes are the corpus's categories. Read as a sign of their own, three are acute more often
# than not (means named as the writer's own, harm done, a time set: C-SSRS's higher rungs).
_KIND_CATEGORY = {"explicit_intent": "intent", "passive_death_wish": "passive_wish", "hopelessness_entrapment": "hopelessness",
                  "burden": "burden", "farewell_preparation": "farewell", "method_means": "means",
                  "self_harm": "self_harm", "timing_acute": "timing"}
_ACUTE_KINDS = {"method_means", "self_harm", "timing_acute"}


@dataclass(frozen=True)
class CrisisSigns:
    categories: tuple[str, ...]  # in CATEGORIES order; empty when no crisis
    severity: str | None  # "acute", "concern", or None


def _blank(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + "□" * (span[1] - span[0]) + text[span[1] :]


def _set_aside(t: str) -> str:
    """Blank idioms and other people's quoted words, keeping every position where it was."""
    for needs_latin, idioms in _IDIOMS:
        if not needs_latin or _LATIN.search(t):
            t = idioms.sub(lambda m: "□" * len(m.group()), t)
    for m in _QUOTED.finditer(t):
        if not _OWN_QUOTE.search(t[max(0, m.start() - 16) : m.start()]):
            t = _blank(t, m.span())
    return t


def _discounted(t: str, start: int, category: str) -> bool:
    """A sign right after a negation (我不会自杀, I'm not suicidal) or about someone else (客户说她想死)."""
    before = t[max(0, start - 60) : start]
    clause = _CLAUSE_END.split(before[-24:])[-1]
    sentence = _SENTENCE_END.split(before)[-1]
    utterance = _UTTERANCE_END.split(before)[-1]  # a quotation's colon does not end it
    if category in _ABOUT_SELF and (_THIRD_PARTY.search(clause) or _THIRD_PARTY_EN.search(sentence)
                                    or _REPORTED_ZH.search(utterance) or _REPORTED_EN.search(utterance)):
        return True
    if category in ("intent", "passive_wish") and _LAUGHING.search(t[start : start + 30].split("。")[0] + sentence):
        return True  # 周一不想活了哈哈: hyperbole, said laughing
    if _NEGATED_ZH.search(clause):
        return True
    return bool(_NEGATED_EN.search(sentence)) and not _NOT_NEGATION_EN.search(sentence)


def _signs(t: str) -> tuple[list[tuple[str, str, int]], str]:
    """The signs in a set-aside text as (category, level, start), and the text as the model reads it:
    with the signs that were discounted (negated, someone else's, a goodbye on leaving a job) blanked,
    so 我不会自杀 reads as 我不会□□, and followed by what the patterns saw (crisis_model.with_evidence):
    a weak sign of means or a "when" word, too little for the patterns alone, is evidence the model
    weighs with the rest of the text."""
    found, view, silenced = [], t, {}
    evidence = {"disclaimed"} if _DISCLAIMED.search(t) else set()
    scripts = {"zh"} if _HAN.search(t) else set()
    if _LATIN.search(t):
        scripts.add("en")
    for name, script, pattern in _COMPILED:
        if script not in scripts:
            continue
        for m in pattern.finditer(t):
            level = m.lastgroup
            if name not in silenced:  # looked up only for a category that matched: most texts match none
                silenced[name] = any(context.search(t) and not unless.search(t)
                                     for context, unless, category in _CONTEXTS if category == name)
            if silenced[name] or _discounted(t, m.start(), name):
                view = _blank(view, m.span())
                evidence.add(f"{name}:discounted")
            else:
                found.append((name, level, m.start()))
                evidence.add(f"{name}:{level}")
    return found, crisis_model.with_evidence(view, evidence)


def _explained(t: str) -> bool:
    """The writer says what this is: not that (a disclaimer), or a context that makes a sign's words
    everyday (a barbecue's charcoal, a tent's rope, a last day at the company)."""
    return bool(_DISCLAIMED.search(t)) or any(context.search(t) and not unless.search(t) for context, unless, _ in _CONTEXTS)


def prepare(text: str) -> str:
    """The text as the model reads it: folded, idioms and other people's words set aside, discounted signs blanked."""
    return _signs(_set_aside(fold(text)))[1]


def _enough(found: list[tuple[str, str, int]]) -> bool:
    """Whether the patterns alone make a crisis: a strong sign, or two weak signs (a faint one counts
    half) of which at least one is a feeling. Means never count in full nor alone: a shop's rope and
    razors are a product list. A weak sign of timing ("tonight") counts only towards severity."""
    signs = [f for f in found if not (f[0] == "timing" and f[1] == "weak")]
    if any(level in ("strong", "acute") for _, level, _ in signs):
        return True
    points = [(_POINTS[level] / (2 if name == "means" else 1), name) for name, level, _ in signs if level in _POINTS]
    feeling = sum(value for value, name in points if name != "means")
    return sum(value for value, _ in points) >= 2 and feeling >= 1


def _model_reading(t: str, view: str, reader: crisis_model.CrisisModel | None) -> tuple[bool, str | None]:
    """Whether the model finds a crisis the patterns missed, and the warning sign it finds likeliest. The
    model reads the same signs in words no list holds. Where the writer says what this is (我不是要做傻事,
    not suicidal, just tired; rope for the tent; my last day at the company) it must be all but sure:
    "I'm not going to do anything, I just wouldn't fight it if a bus took me" is a wish all the same."""
    reader = reader or crisis_model.model()
    probability, kind = reader.reading(view)
    return not (probability < reader.threshold or (probability < _SURE and _explained(t))), kind


def _acute(t: str, found: list[tuple[str, str, int]]) -> bool:
    """An acute sign matched; or timing sits in one sentence with an act (intent, a farewell, a method,
    self-harm); or a method and intent both appear anywhere."""
    matched = {name for name, _, _ in found}
    ends = [m.start() for m in _SENTENCE_END.finditer(t)]
    sentences_of = {name: {bisect.bisect(ends, start) for n, _, start in found if n == name} for name in matched}
    act_sentences = set().union(*(sentences_of.get(name, set()) for name in _ACTS))
    return (
        any(level == "acute" for _, level, _ in found)
        or bool(sentences_of.get("timing", set()) & act_sentences)
        or ("means" in matched and "intent" in matched)
    )


def assess(text: str, *, reader: crisis_model.CrisisModel | None = None) -> CrisisSigns:
    """The warning-sign categories found in the text and how urgent they are. `reader` stands in for the
    shipped model: cross-validation scores texts with a model that never saw them."""
    t = _set_aside(fold(text))
    found, view = _signs(t)
    kind = None
    if not _enough(found):
        finds, kind = _model_reading(t, view, reader)
        if not finds:
            return CrisisSigns((), None)
    matched = {name for name, _, _ in found} | {_KIND_CATEGORY.get(kind)}
    categories = tuple(c for c in CATEGORIES if c in matched)
    return CrisisSigns(categories, "acute" if kind in _ACUTE_KINDS or _acute(t, found) else "concern")
